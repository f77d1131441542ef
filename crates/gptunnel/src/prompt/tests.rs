//! Real prompts, as people post them, with the expected pieces written by hand.

use super::*;

/// (prompt, image prompts, text, flags as (short name, value)).
type Case = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [(&'static str, &'static str)],
);

const REAL_PROMPTS: &[Case] = &[
    (
        "a cozy cabin in the snowy woods at dusk, cinematic lighting --ar 16:9 --v 6.1",
        &[],
        "a cozy cabin in the snowy woods at dusk, cinematic lighting",
        &[("ar", "16:9"), ("v", "6.1")],
    ),
    (
        "portrait of an old fisherman, weathered skin, 85mm --ar 2:3 --style raw --s 250 --v 6",
        &[],
        "portrait of an old fisherman, weathered skin, 85mm",
        &[("ar", "2:3"), ("style", "raw"), ("s", "250"), ("v", "6")],
    ),
    (
        "minimalist logo of a fox, flat vector --no text, letters, gradients --v 7",
        &[],
        "minimalist logo of a fox, flat vector",
        &[("no", "text, letters, gradients"), ("v", "7")],
    ),
    ("кот в космосе, акварель --ar 3:4 --niji 6", &[], "кот в космосе, акварель", &[("ar", "3:4"), ("niji", "6")]),
    (
        "https://cdn.discordapp.com/attachments/1/2/ref.png?ex=65f&is=65e&hm=abc123 a knight in shining armor --iw 1.5 --v 6",
        &["https://cdn.discordapp.com/attachments/1/2/ref.png?ex=65f&is=65e&hm=abc123"],
        "a knight in shining armor",
        &[("iw", "1.5"), ("v", "6")],
    ),
    ("a bowl of ramen —ar 4:5 —s 750", &[], "a bowl of ramen", &[("ar", "4:5"), ("s", "750")]),
    ("isometric city block --ar 1:1 --ar 16:9", &[], "isometric city block", &[("ar", "1:1"), ("ar", "16:9")]),
    ("neon samurai --v6 --s250 --ar16:9", &[], "neon samurai", &[("v", "6"), ("s", "250"), ("ar", "16:9")]),
    (
        "a dragon --ar 16:9 breathing fire over a castle",
        &[],
        "a dragon breathing fire over a castle",
        &[("ar", "16:9")],
    ),
    ("seamless pattern of tropical leaves --tile --v 6", &[], "seamless pattern of tropical leaves", &[("tile", ""), ("v", "6")]),
    (
        "a woman in a red coat --cref https://s.mj.run/abc123 --cw 50",
        &[],
        "a woman in a red coat",
        &[("cref", "https://s.mj.run/abc123"), ("cw", "50")],
    ),
    (
        "oil painting of a harbor --sref 1234567890 https://example.com/style.jpg --sw 200",
        &[],
        "oil painting of a harbor",
        &[("sref", "1234567890 https://example.com/style.jpg"), ("sw", "200")],
    ),
    ("anime girl with umbrella in rain --niji --ar 9:16", &[], "anime girl with umbrella in rain", &[("niji", ""), ("ar", "9:16")]),
    (
        "product shot of sneakers --chaos 30 --weird 500 --stylize 100 --quality 2",
        &[],
        "product shot of sneakers",
        &[("c", "30"), ("w", "500"), ("s", "100"), ("q", "2")],
    ),
    (
        "https://a.example/1.png https://b.example/2.jpg blend of both --iw 2",
        &["https://a.example/1.png", "https://b.example/2.jpg"],
        "blend of both",
        &[("iw", "2")],
    ),
    (
        "golden retriever puppy --seed 123456789 --q .5 --v 5.2",
        &[],
        "golden retriever puppy",
        &[("seed", "123456789"), ("q", ".5"), ("v", "5.2")],
    ),
    ("cyberpunk street --hd --ar 21:9", &[], "cyberpunk street", &[("hd", ""), ("ar", "21:9")]),
    ("a tree --stop 50 --v 6", &[], "a tree", &[("stop", "50"), ("v", "6")]),
    ("a red apple on a table --no", &[], "a red apple on a table", &[("no", "")]),
    ("well--known landmark at night --ar 3:2", &[], "well--known landmark at night", &[("ar", "3:2")]),
    (
        "пейзаж с горами и озером, рассвет —no люди, дома —v 6.1 —style raw",
        &[],
        "пейзаж с горами и озером, рассвет",
        &[("no", "люди, дома"), ("v", "6.1"), ("style", "raw")],
    ),
    ("  leading and trailing spaces --ar 1:1  ", &[], "leading and trailing spaces", &[("ar", "1:1")]),
    ("a tiny robot --sref random --p", &[], "a tiny robot", &[("sref", "random"), ("p", "")]),
    ("line art of a cat\n--ar 1:1\n--v 7", &[], "line art of a cat", &[("ar", "1:1"), ("v", "7")]),
    ("a bowl --ar 16:9--v 6", &[], "a bowl", &[("ar", "16:9"), ("v", "6")]),
    ("http://example.com/pic.png?size=large&v=2 --iw 0.5", &["http://example.com/pic.png?size=large&v=2"], "", &[("iw", "0.5")]),
    (
        "character sheet of a fox knight, multiple poses --ar 3:2 --cref https://cdn.midjourney.com/abc/0_0.png https://cdn.midjourney.com/def/0_1.png --cw 0 --v 6",
        &[],
        "character sheet of a fox knight, multiple poses",
        &[
            ("ar", "3:2"),
            ("cref", "https://cdn.midjourney.com/abc/0_0.png https://cdn.midjourney.com/def/0_1.png"),
            ("cw", "0"),
            ("v", "6"),
        ],
    ),
    ("a cat --VERSION 6 --AR 4:3", &[], "a cat", &[("v", "6"), ("ar", "4:3")]),
    ("a poster --no cars --no trees --v 6", &[], "a poster", &[("no", "cars"), ("no", "trees"), ("v", "6")]),
    ("a vase of sunflowers, van gogh style --sref 2934::2 --ar 4:5", &[], "a vase of sunflowers, van gogh style", &[("sref", "2934::2"), ("ar", "4:5")]),
];

#[test]
fn real_prompts_parse_into_image_prompts_text_and_flags() {
    for (source, images, text, flags) in REAL_PROMPTS {
        let prompt = Prompt::parse(source);
        assert_eq!(
            prompt.image_prompts(),
            *images,
            "image prompts of {source:?}"
        );
        assert_eq!(prompt.text(), *text, "text of {source:?}");
        let got: Vec<(String, &str)> = prompt.flags().map(|f| (f.name(), f.value())).collect();
        let want: Vec<(String, &str)> = flags.iter().map(|(n, v)| (n.to_string(), *v)).collect();
        assert_eq!(got, want, "flags of {source:?}");
    }
}

#[test]
fn real_prompts_format_back_byte_identical() {
    for (source, ..) in REAL_PROMPTS {
        assert_eq!(Prompt::parse(source).to_string(), *source);
    }
}

#[test]
fn any_text_formats_back_byte_identical() {
    // A property test without a dependency: prompts glued from tricky fragments by a fixed
    // pseudo-random sequence (the same every run, so a failure reproduces).
    const FRAGMENTS: &[&str] = &[
        "--",
        "—",
        "ar",
        " ",
        "  ",
        "\n",
        "\t",
        "16:9",
        "https://a.b/c?d=e&f=g--h",
        "http://",
        "кот",
        ",",
        "--no",
        "no",
        "--s250",
        "::2",
        "<",
        ">",
        "-",
        "x",
        "--v",
        "6.1",
        "random",
        "1234",
        "--sref",
        "—no",
        ".",
        "--tile",
        "--cref",
        "🦊",
        "--iw",
        "--q",
        ".5",
        "--Weird",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |bound: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % bound
    };
    for _ in 0..5000 {
        let len = next(14);
        let source: String = (0..len).map(|_| FRAGMENTS[next(FRAGMENTS.len())]).collect();
        let prompt = Prompt::parse(&source);
        assert_eq!(prompt.to_string(), source);
        // An edit then a re-parse reads the value back.
        let mut edited = prompt.clone();
        edited.set("s", Some("123"));
        assert_eq!(
            Prompt::parse(&edited.to_string()).get("s"),
            Some("123"),
            "after setting --s in {source:?}"
        );
    }
}

#[test]
fn the_last_of_a_repeated_flag_is_the_one_read() {
    assert_eq!(
        Prompt::parse("x --ar 1:1 --ar 16:9").get("aspect"),
        Some("16:9")
    );
    assert_eq!(Prompt::parse("x --tile").get("tile"), Some(""));
    assert_eq!(Prompt::parse("x --tile").get("s"), None);
}

#[test]
fn setting_a_value_rewrites_only_that_flag() {
    let cases = [
        (
            "portrait, 85mm --ar 2:3 --style raw --s 250 --v 6",
            "s",
            "400",
            "portrait, 85mm --ar 2:3 --style raw --s 400 --v 6",
        ),
        (
            "shoes --stylize 100 --foo 3",
            "s",
            "300",
            "shoes --stylize 300 --foo 3",
        ),
        ("a bowl —s 750", "s", "100", "a bowl —s 100"),
        ("neon --s250 --v6", "s", "300", "neon --s300 --v6"),
        ("x --ar 1:1 --ar 16:9", "ar", "4:3", "x --ar 1:1 --ar 4:3"),
        ("кот  в\nкосмосе", "ar", "16:9", "кот  в\nкосмосе --ar 16:9"),
        ("a cat  ", "s", "100", "a cat --s 100  "),
        ("", "ar", "16:9", "--ar 16:9"),
        ("tiles", "tile", "", "tiles --tile"),
        (
            "no value yet --no",
            "no",
            "red, blue",
            "no value yet --no red, blue",
        ),
        (
            "a red apple --no text, logos --v 7",
            "no",
            "people",
            "a red apple --no people --v 7",
        ),
    ];
    for (source, name, value, want) in cases {
        assert_eq!(
            set_flag(source, name, Some(value)),
            want,
            "set {name} in {source:?}"
        );
    }
}

#[test]
fn clearing_removes_every_occurrence_and_its_space() {
    let cases = [
        ("a --ar 16:9 --foo bar --v 6", "ar", "a --foo bar --v 6"),
        (
            "x --ar 1:1 --ar 16:9 trailing words",
            "aspect",
            "x trailing words",
        ),
        ("--ar 16:9 cat", "ar", "cat"),
        ("a poster --no cars --v 6", "no", "a poster --v 6"),
        ("a cat", "s", "a cat"),
    ];
    for (source, name, want) in cases {
        assert_eq!(
            set_flag(source, name, None),
            want,
            "clear {name} in {source:?}"
        );
    }
}

#[test]
fn image_prompts_go_at_the_start_after_the_existing_ones() {
    let mut prompt = Prompt::parse("a cat --v 6");
    prompt.add_image_prompt("https://x.example/y.png").unwrap();
    assert_eq!(prompt.to_string(), "https://x.example/y.png a cat --v 6");
    prompt
        .add_image_prompt(" https://x.example/z.png?a=1&b=2 ")
        .unwrap();
    assert_eq!(
        prompt.to_string(),
        "https://x.example/y.png https://x.example/z.png?a=1&b=2 a cat --v 6"
    );
    prompt.remove_reference("https://x.example/y.png");
    assert_eq!(
        prompt.to_string(),
        "https://x.example/z.png?a=1&b=2 a cat --v 6"
    );
}

#[test]
fn style_and_character_references_collect_in_their_flag() {
    let mut prompt = Prompt::parse("a harbor --sref 123 --ar 3:2");
    prompt
        .add_reference("sref", "https://a.example/s.jpg")
        .unwrap();
    prompt
        .add_reference("cref", "https://a.example/c.jpg")
        .unwrap();
    assert_eq!(
        prompt.to_string(),
        "a harbor --sref 123 https://a.example/s.jpg --ar 3:2 --cref https://a.example/c.jpg"
    );
    assert_eq!(
        prompt.references("sref"),
        ["123", "https://a.example/s.jpg"]
    );
    prompt.remove_reference("https://a.example/c.jpg");
    prompt.remove_reference("123");
    assert_eq!(
        prompt.to_string(),
        "a harbor --sref https://a.example/s.jpg --ar 3:2"
    );
}

#[test]
fn only_http_urls_are_references() {
    let mut prompt = Prompt::parse("a cat");
    for bad in [
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "ftp://a/b.png",
        "https://",
        "https://a b",
        "",
    ] {
        assert!(
            matches!(
                prompt.add_image_prompt(bad),
                Err(PromptError::NotHttpUrl { .. })
            ),
            "{bad:?} accepted"
        );
        assert!(
            prompt.add_reference("sref", bad).is_err(),
            "{bad:?} accepted as --sref"
        );
    }
    assert_eq!(prompt.to_string(), "a cat");
}

#[test]
fn documented_ranges_are_enforced() {
    let ok = [
        "x --s 0 --s 1000 --c 100 --w 3000 --seed 4294967295 --iw 3 --iw 0.25 --sw 1000 --cw 0",
        "x --q 4",
        "x --q .25 --v 6",
        "x --q 2 --v 6.1",
        "x --q .5 --v 5.2",
        "x --q 0.50 --v 5.2",
        "x --iw 2.750 --iw .5",
        "x --ar 21:9",
        "x --chaos 0 --weird 0",
    ];
    for source in ok {
        assert_eq!(Prompt::parse(source).validate(), Ok(()), "{source:?}");
    }
    let out_of_range = |flag: &str, value: &str, min: u64, max: u64| PromptError::OutOfRange {
        flag: flag.into(),
        value: value.into(),
        min,
        max,
    };
    let bad = [
        ("x --s 1001", out_of_range("s", "1001", 0, 1000)),
        ("x --chaos 101", out_of_range("c", "101", 0, 100)),
        ("x --w 3001", out_of_range("w", "3001", 0, 3000)),
        (
            "x --seed 4294967296",
            out_of_range("seed", "4294967296", 0, 4_294_967_295),
        ),
        ("x --iw 3.5", out_of_range("iw", "3.5", 0, 3)),
        ("x --cw 150", out_of_range("cw", "150", 0, 100)),
        (
            "x --s abc",
            PromptError::NotANumber {
                flag: "s".into(),
                value: "abc".into(),
            },
        ),
        (
            "x --s 2.5",
            PromptError::NotANumber {
                flag: "s".into(),
                value: "2.5".into(),
            },
        ),
        (
            "x --ar 16:0",
            PromptError::BadAspectRatio {
                value: "16:0".into(),
            },
        ),
        (
            "x --ar wide",
            PromptError::BadAspectRatio {
                value: "wide".into(),
            },
        ),
    ];
    for (source, want) in bad {
        assert_eq!(Prompt::parse(source).validate(), Err(want), "{source:?}");
    }
}

#[test]
fn quality_depends_on_the_version() {
    let refused = |source: &str| {
        matches!(
            Prompt::parse(source).validate(),
            Err(PromptError::QualityNotOffered { .. })
        )
    };
    assert!(refused("x --q .5 --v 7"));
    assert!(refused("x --q .5"));
    assert!(refused("x --q 4 --v 6.1"));
    assert!(refused("x --q 2 --niji 6"));
    assert!(refused("x --q 2 --v 5.2"));
    assert!(!refused("x --q 1 --niji 6"));
    assert_eq!(
        check_flag("quality", "3"),
        Err(PromptError::QualityNotOffered {
            value: "3".into(),
            allowed: &["1", "2", "4"]
        })
    );
}
