//! The mask editor's own words, in English and Russian. Kept here rather than in the app's
//! table so the editor is one self-contained module; the language still follows the app's
//! setting ([`crate::i18n::Lang`]).
use crate::i18n::Lang;

/// Every string the editor shows or announces.
#[allow(missing_docs)]
pub struct MaskStrings {
    pub title: &'static str,
    pub hint: &'static str,
    pub tools: &'static str,
    pub brush: &'static str,
    pub eraser: &'static str,
    pub rectangle: &'static str,
    pub lasso: &'static str,
    pub brush_size: &'static str,
    pub history: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub invert: &'static str,
    pub clear: &'static str,
    pub zoom: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub zoom_fit: &'static str,
    pub stage: &'static str,
    pub shortcuts: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub editor_failed: &'static str,
    pub no_image: &'static str,
    pub prompt: &'static str,
    pub prompt_placeholder: &'static str,
    pub empty_mask: &'static str,
    pub cancel: &'static str,
    pub close: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub key_rect: &'static str,
    pub key_rect_of_image: &'static str,
    pub key_rect_from: &'static str,
    pub key_rect_added: &'static str,
}

const EN: MaskStrings = MaskStrings {
    title: "Vary region",
    hint: "Paint over what should change; the rest of the image is kept.",
    tools: "Tools",
    brush: "Brush (B)",
    eraser: "Eraser (E)",
    rectangle: "Rectangle (R)",
    lasso: "Lasso (L)",
    brush_size: "Brush size",
    history: "History",
    undo: "Undo (Ctrl+Z)",
    redo: "Redo (Ctrl+Shift+Z)",
    invert: "Invert the selection",
    clear: "Clear the selection",
    zoom: "Zoom",
    zoom_in: "Zoom in (+)",
    zoom_out: "Zoom out (−)",
    zoom_fit: "Fit to screen (0)",
    stage: "Image: paint the region to regenerate",
    shortcuts: "[ ] brush size · wheel or pinch to zoom · Space-drag or two fingers to pan · Rectangle (R): arrows place and move it, Shift+arrows resize, Enter adds it",
    loading: "Loading the image…",
    load_failed: "The image could not be loaded.",
    editor_failed: "The editor could not be loaded. Close it and try again.",
    no_image: "This task has no image to edit.",
    prompt: "New prompt (optional)",
    prompt_placeholder: "Leave empty to keep the original prompt",
    empty_mask: "Paint a region first.",
    cancel: "Cancel",
    close: "Close",
    submit: "Vary region",
    submitting: "Sending…",
    key_rect: "Rectangle",
    key_rect_of_image: "of the image",
    key_rect_from: "from",
    key_rect_added: "Rectangle added to the region",
};

const RU: MaskStrings = MaskStrings {
    title: "Изменить область",
    hint: "Закрасьте то, что нужно перерисовать; остальное останется как есть.",
    tools: "Инструменты",
    brush: "Кисть (B)",
    eraser: "Ластик (E)",
    rectangle: "Прямоугольник (R)",
    lasso: "Лассо (L)",
    brush_size: "Размер кисти",
    history: "История",
    undo: "Отменить (Ctrl+Z)",
    redo: "Повторить (Ctrl+Shift+Z)",
    invert: "Инвертировать выделение",
    clear: "Очистить выделение",
    zoom: "Масштаб",
    zoom_in: "Увеличить (+)",
    zoom_out: "Уменьшить (−)",
    zoom_fit: "Вписать в экран (0)",
    stage: "Изображение: закрасьте область для перерисовки",
    shortcuts:
        "[ ] размер кисти · колесо или щипок — масштаб · пробел с мышью или два пальца — сдвиг · Прямоугольник (R): стрелки ставят и двигают, Shift+стрелки меняют размер, Enter добавляет",
    loading: "Загрузка изображения…",
    load_failed: "Не удалось загрузить изображение.",
    editor_failed: "Не удалось загрузить редактор. Закройте его и попробуйте снова.",
    no_image: "У этой задачи нет изображения.",
    prompt: "Новый промпт (необязательно)",
    prompt_placeholder: "Пусто — останется исходный промпт",
    empty_mask: "Сначала закрасьте область.",
    cancel: "Отмена",
    close: "Закрыть",
    submit: "Изменить область",
    submitting: "Отправка…",
    key_rect: "Прямоугольник",
    key_rect_of_image: "изображения",
    key_rect_from: "от",
    key_rect_added: "Прямоугольник добавлен в область",
};

/// The editor's strings in `lang`.
pub fn mask_strings(lang: Lang) -> &'static MaskStrings {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

/// The editor's strings in the app's current language (reactive); needs [`AppState`] in
/// context.
///
/// [`AppState`]: crate::state::AppState
pub fn current() -> impl Fn() -> &'static MaskStrings + Copy + 'static {
    use leptos::prelude::With;
    let state = crate::state::AppState::expect();
    move || mask_strings(state.settings.with(|s| s.lang))
}
