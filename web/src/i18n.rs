//! English and Russian strings. One struct of fields per language, so a missing translation
//! is a compile error rather than a blank button.
use serde::{Deserialize, Serialize};

/// An amount in roubles with two decimals, `12.50 ₽`. In the browser JS formats the number
/// (`toFixed`): Rust's float formatting would otherwise be shipped for these two fields alone.
pub fn rubles(amount: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    let digits = js_sys::Number::from(amount)
        .to_fixed(2)
        .map_or_else(|_| "?".to_string(), String::from);
    #[cfg(not(target_arch = "wasm32"))]
    let digits = format!("{amount:.2}");
    format!("{digits} ₽")
}

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// The language matching a BCP 47 tag such as `navigator.language` (`ru-RU` → Russian).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }

    /// The tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Ru => &RU,
        }
    }
}

/// Every user-facing string.
#[allow(missing_docs)]
pub struct Strings {
    pub app_title: &'static str,
    pub settings: &'static str,
    pub close: &'static str,
    pub api_key: &'static str,
    pub show: &'static str,
    pub hide: &'static str,
    pub remember: &'static str,
    pub remember_hint: &'static str,
    pub base_url: &'static str,
    pub cors_note: &'static str,
    pub wallet: &'static str,
    pub language: &'static str,
    pub notify: &'static str,
    pub notify_on: &'static str,
    pub notify_denied: &'static str,
    pub balance: &'static str,
    pub refresh: &'static str,
    pub no_key: &'static str,
    pub model: &'static str,
    pub aspect: &'static str,
    pub aspect_default: &'static str,
    pub prompt: &'static str,
    pub prompt_placeholder: &'static str,
    pub create: &'static str,
    pub creating: &'static str,
    pub feed_empty: &'static str,
    pub history: &'static str,
    pub export: &'static str,
    pub import: &'static str,
    pub clear: &'static str,
    pub clear_confirm: &'static str,
    pub imported: &'static str,
    pub import_failed: &'static str,
    pub status_running: &'static str,
    pub status_done: &'static str,
    pub status_failed: &'static str,
    pub progress: &'static str,
    pub elapsed: &'static str,
    pub cost: &'static str,
    pub stalled: &'static str,
    pub from_parent: &'static str,
    pub open_viewer: &'static str,
    pub pick_hint: &'static str,
    pub image_n: &'static str,
    pub upscale_n: &'static str,
    pub vary_n: &'static str,
    pub reroll: &'static str,
    pub vary: &'static str,
    pub vary_subtle: &'static str,
    pub vary_strong: &'static str,
    pub vary_region: &'static str,
    pub zoom_out: &'static str,
    pub pan: &'static str,
    pub pan_left: &'static str,
    pub pan_right: &'static str,
    pub pan_up: &'static str,
    pub pan_down: &'static str,
    pub upscale: &'static str,
    pub other_actions: &'static str,
    pub download: &'static str,
    pub copy_prompt: &'static str,
    pub copied: &'static str,
    pub reuse_prompt: &'static str,
    pub no_image: &'static str,
    pub err_unauthorized: &'static str,
    pub err_balance: &'static str,
    pub err_invalid: &'static str,
    pub err_network: &'static str,
    pub err_failed: &'static str,
    pub err_timeout: &'static str,
    pub err_rate_limited: &'static str,
    pub err_outcome_unknown: &'static str,
    pub refresh_balance: &'static str,
    pub err_balance_refresh: &'static str,
    pub err_other: &'static str,
    pub done_title: &'static str,
}

static EN: Strings = Strings {
    app_title: "GPTunnel Studio",
    settings: "Settings",
    close: "Close",
    api_key: "API key",
    show: "Show",
    hide: "Hide",
    remember: "Remember on this device",
    remember_hint: "Otherwise the key is forgotten when this tab closes.",
    base_url: "API base URL",
    cors_note: "A browser may be unable to call https://gptunnel.ru directly (CORS). A relay such as `gptunnel-emulator --upstream https://gptunnel.ru` can help.",
    wallet: "Pay from my personal wallet",
    language: "Language",
    notify: "Notify me when a task finishes in the background",
    notify_on: "Notifications are on",
    notify_denied: "Notifications are blocked by the browser",
    balance: "Balance",
    refresh: "Refresh",
    no_key: "Set your API key in Settings first.",
    model: "Model",
    aspect: "Aspect ratio",
    aspect_default: "Default",
    prompt: "Prompt",
    prompt_placeholder: "Describe an image… (Enter to create, Shift+Enter for a new line)",
    create: "Create",
    creating: "Creating…",
    feed_empty: "Nothing yet. Write a prompt above and press Enter.",
    history: "History",
    export: "Export JSON",
    import: "Import JSON",
    clear: "Clear history",
    clear_confirm: "Delete every task from this browser's history?",
    imported: "Imported tasks",
    import_failed: "That file is not a studio export",
    status_running: "Running",
    status_done: "Done",
    status_failed: "Failed",
    progress: "Progress",
    elapsed: "Elapsed",
    cost: "Cost",
    stalled: "No progress for a while; still waiting",
    from_parent: "from",
    open_viewer: "Open full size",
    pick_hint: "Pick an image: hover or tap a quadrant",
    image_n: "Image",
    upscale_n: "U",
    vary_n: "V",
    reroll: "Reroll",
    vary: "Vary",
    vary_subtle: "Vary (subtle)",
    vary_strong: "Vary (strong)",
    vary_region: "Vary region",
    zoom_out: "Zoom out",
    pan: "Pan",
    pan_left: "Left",
    pan_right: "Right",
    pan_up: "Up",
    pan_down: "Down",
    upscale: "Upscale",
    other_actions: "Other actions",
    download: "Download",
    copy_prompt: "Copy prompt",
    copied: "Copied",
    reuse_prompt: "Re-use prompt",
    no_image: "No image",
    err_unauthorized: "The API refused the key (401). Check your API key in Settings.",
    err_balance: "Your balance is too low (402). Top it up, or switch the wallet option in Settings.",
    err_invalid: "The API rejected the request (400):",
    err_network: "Can't reach the API. Check the base URL and your connection; the browser may also be blocking it (CORS), in which case a relay helps.",
    err_failed: "The task failed:",
    err_timeout: "Gave up waiting: the task made no progress for too long.",
    err_rate_limited: "The API is too busy (429) and refused the request, even after waiting. Nothing was created or charged; try again in a minute.",
    err_outcome_unknown: "This task may exist and may have been charged.",
    refresh_balance: "Refresh balance",
    err_balance_refresh: "Could not refresh the balance:",
    err_other: "The API answered with an error:",
    done_title: "Done",
};

static RU: Strings = Strings {
    app_title: "GPTunnel Studio",
    settings: "Настройки",
    close: "Закрыть",
    api_key: "API-ключ",
    show: "Показать",
    hide: "Скрыть",
    remember: "Запомнить на этом устройстве",
    remember_hint: "Иначе ключ забудется, когда вкладка закроется.",
    base_url: "Адрес API",
    cors_note: "Браузер может не суметь обратиться к https://gptunnel.ru напрямую (CORS). Поможет посредник, например `gptunnel-emulator --upstream https://gptunnel.ru`.",
    wallet: "Платить с личного кошелька",
    language: "Язык",
    notify: "Уведомлять, когда задача завершится в фоне",
    notify_on: "Уведомления включены",
    notify_denied: "Браузер запретил уведомления",
    balance: "Баланс",
    refresh: "Обновить",
    no_key: "Сначала укажите API-ключ в настройках.",
    model: "Модель",
    aspect: "Соотношение сторон",
    aspect_default: "По умолчанию",
    prompt: "Запрос",
    prompt_placeholder: "Опишите изображение… (Enter — создать, Shift+Enter — новая строка)",
    create: "Создать",
    creating: "Создаётся…",
    feed_empty: "Пока пусто. Напишите запрос выше и нажмите Enter.",
    history: "История",
    export: "Экспорт JSON",
    import: "Импорт JSON",
    clear: "Очистить историю",
    clear_confirm: "Удалить все задачи из истории этого браузера?",
    imported: "Импортировано задач",
    import_failed: "Этот файл не похож на экспорт студии",
    status_running: "Выполняется",
    status_done: "Готово",
    status_failed: "Ошибка",
    progress: "Прогресс",
    elapsed: "Прошло",
    cost: "Стоимость",
    stalled: "Давно нет прогресса; продолжаем ждать",
    from_parent: "из",
    open_viewer: "Открыть в полном размере",
    pick_hint: "Выберите картинку: наведите или коснитесь четверти",
    image_n: "Картинка",
    upscale_n: "U",
    vary_n: "V",
    reroll: "Заново",
    vary: "Вариации",
    vary_subtle: "Вариация (слабая)",
    vary_strong: "Вариация (сильная)",
    vary_region: "Изменить область",
    zoom_out: "Отдалить",
    pan: "Сдвиг",
    pan_left: "Влево",
    pan_right: "Вправо",
    pan_up: "Вверх",
    pan_down: "Вниз",
    upscale: "Увеличить",
    other_actions: "Другие действия",
    download: "Скачать",
    copy_prompt: "Копировать запрос",
    copied: "Скопировано",
    reuse_prompt: "Использовать запрос",
    no_image: "Нет изображения",
    err_unauthorized: "API отклонил ключ (401). Проверьте API-ключ в настройках.",
    err_balance: "Недостаточно средств (402). Пополните баланс или переключите оплату с кошелька в настройках.",
    err_invalid: "API отклонил запрос (400):",
    err_network: "Не удаётся связаться с API. Проверьте адрес и соединение; возможно, браузер блокирует запрос (CORS) — тогда поможет посредник.",
    err_failed: "Задача завершилась ошибкой:",
    err_timeout: "Ожидание прекращено: задача слишком долго не продвигалась.",
    err_rate_limited: "API перегружен (429) и отклонил запрос даже после ожидания. Ничего не создано и не списано; попробуйте через минуту.",
    err_outcome_unknown: "Эта задача, возможно, создана, и за неё могли списать деньги.",
    refresh_balance: "Обновить баланс",
    err_balance_refresh: "Не удалось обновить баланс:",
    err_other: "API ответил ошибкой:",
    done_title: "Готово",
};
