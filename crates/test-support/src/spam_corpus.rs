//! A labelled corpus of comments and TrackBack pings, generated from templates with a fixed
//! seed: wanted ones (ham) and spam, in Japanese and English, pings in UTF-8, EUC-JP,
//! Shift_JIS and ISO-2022-JP. Used to measure the spam defence's precision and recall.
//! The vocabulary overlaps on purpose (spam that talks about flowers, ham with a link), so
//! the filter has to learn rather than match one word.

/// One labelled text.
#[derive(Debug, Clone)]
pub struct Sample {
    pub spam: bool,
    pub ja: bool,
    pub author: String,
    pub url: String,
    pub body: String,
}

/// One labelled ping (its source page links back to the entry when `links_back`).
#[derive(Debug, Clone)]
pub struct PingSample {
    pub spam: bool,
    pub title: String,
    pub excerpt: String,
    pub blog_name: String,
    /// The encoding the ping is sent in (an encoding_rs label).
    pub encoding: &'static str,
    pub links_back: bool,
}

/// A small deterministic generator (xorshift), so every run sees the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

const JA_NAMES: &[&str] = &[
    "たろう",
    "花子",
    "山田",
    "kaz",
    "みどり",
    "通りすがり",
    "佐藤",
    "ゆき",
];
const EN_NAMES: &[&str] = &[
    "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi",
];
const JA_TOPICS: &[&str] = &[
    "紫陽花",
    "鎌倉",
    "梅雨",
    "写真",
    "お寺",
    "散歩",
    "雨の日",
    "青い花",
    "電車",
    "カメラ",
];
const JA_HAM: &[&str] = &[
    "{t}の写真、とてもきれいですね。私も先週行きました。",
    "{t}の記事、楽しく読みました。次の更新も楽しみにしています。",
    "はじめまして。{t}で検索してたどり着きました。参考になりました。",
    "{t}、懐かしいです。子どもの頃によく行きました。",
    "{t}の色が素敵ですね。どのレンズで撮りましたか？",
    "今年の{t}はどうでしたか。雨が多くて大変でしたね。",
];
const JA_SPAM: &[&str] = &[
    "激安{p}通販！今なら{n}%OFF、送料無料でお届けします。{u}",
    "{p}が今すぐ購入できます。最安値保証 {u} {u}",
    "副業で月{n}万円！簡単に稼げる方法はこちら {u}",
    "{t}の写真いいですね！ところで{p}に興味ありませんか？ {u}",
    "出会い系で素敵な出会いを。登録無料 {u}",
    "オンラインカジノで{n}万円当選！今すぐ登録 {u}",
];
const JA_PRODUCTS: &[&str] = &[
    "ブランド財布",
    "バイアグラ",
    "ダイエット薬",
    "腕時計",
    "ブランドバッグ",
];
const EN_TOPICS: &[&str] = &[
    "hydrangeas",
    "Kamakura",
    "the rainy season",
    "your photos",
    "the temple",
    "film cameras",
    "the walk",
    "blue flowers",
];
const EN_HAM: &[&str] = &[
    "Lovely post about {t}. I went there last week too.",
    "Thanks for writing about {t}; it brought back memories.",
    "Which lens did you use for {t}? The colours are wonderful.",
    "I found this while reading about {t}. Very helpful, thank you.",
    "Great pictures of {t}. Looking forward to the next entry.",
    "We visited {t} in June as well, but it rained all day.",
];
const EN_SPAM: &[&str] = &[
    "Buy cheap {p} online, best price guaranteed {u}",
    "Great post! Check out my site about {p} {u} {u}",
    "Earn ${n}000 a week from home, click here {u}",
    "Nice {t}! By the way, discount {p} here: {u}",
    "Hot singles in your area, free registration {u}",
    "Online casino bonus {n}00 free spins today {u}",
];
const EN_PRODUCTS: &[&str] = &[
    "viagra",
    "replica watches",
    "payday loans",
    "diet pills",
    "cheap essays",
    "crypto signals",
];
const SPAM_HOSTS: &[&str] = &[
    "cheap-pills.example",
    "best-casino.example",
    "loan-now.example",
    "brand-outlet.example",
    "deai.example",
    "kasegu.example",
];
const HAM_HOSTS: &[&str] = &[
    "taro.example.jp",
    "hanako.example.jp",
    "alice.example.org",
    "photo.example.net",
];

fn fill(template: &str, r: &mut Rng, topics: &[&str], products: &[&str]) -> String {
    let mut out = template.to_owned();
    while let Some(at) = out.find("{u}") {
        let url = format!("http://{}/{}", r.pick(SPAM_HOSTS), r.below(1000));
        out.replace_range(at..at + 3, &url);
    }
    out.replace("{t}", r.pick(topics))
        .replace("{p}", r.pick(products))
        .replace("{n}", &(r.below(90) + 10).to_string())
}

/// Which templates a corpus draws from: a training corpus sees half of them, so a test
/// corpus drawn from all of them holds texts the filter has never seen the like of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Templates {
    Half,
    All,
}

fn templates<'a>(all: &[&'a str], which: Templates) -> Vec<&'a str> {
    match which {
        Templates::All => all.to_vec(),
        Templates::Half => all.iter().step_by(2).copied().collect(),
    }
}

/// `n` comments, about half spam, half Japanese.
pub fn comments(seed: u64, n: usize, which: Templates) -> Vec<Sample> {
    let mut r = Rng::new(seed);
    (0..n)
        .map(|i| {
            let spam = r.below(2) == 0;
            let ja = i % 2 == 0;
            let (names, topics, ham, spams, products) = if ja {
                (JA_NAMES, JA_TOPICS, JA_HAM, JA_SPAM, JA_PRODUCTS)
            } else {
                (EN_NAMES, EN_TOPICS, EN_HAM, EN_SPAM, EN_PRODUCTS)
            };
            let body = fill(
                r.pick(&templates(if spam { spams } else { ham }, which)),
                &mut r,
                topics,
                products,
            );
            let url = if spam {
                format!("http://{}/", r.pick(SPAM_HOSTS))
            } else if r.below(3) == 0 {
                format!("https://{}/", r.pick(HAM_HOSTS))
            } else {
                String::new()
            };
            let author = if spam && r.below(2) == 0 {
                r.pick(products).to_owned()
            } else {
                r.pick(names).to_owned()
            };
            Sample {
                spam,
                ja,
                author,
                url,
                body: format!("{body} ({i})"),
            }
        })
        .collect()
}

/// `n` TrackBack pings, about half spam; ham always links back, spam in one case of three
/// (the kind of spam that copies a link to get past the check).
pub fn pings(seed: u64, n: usize, which: Templates) -> Vec<PingSample> {
    let mut r = Rng::new(seed);
    const ENCODINGS: &[&str] = &["UTF-8", "EUC-JP", "Shift_JIS", "ISO-2022-JP"];
    (0..n)
        .map(|i| {
            let spam = r.below(2) == 0;
            let ja = i % 3 != 0;
            let (topics, ham, spams, products) = if ja {
                (JA_TOPICS, JA_HAM, JA_SPAM, JA_PRODUCTS)
            } else {
                (EN_TOPICS, EN_HAM, EN_SPAM, EN_PRODUCTS)
            };
            let excerpt = fill(
                r.pick(&templates(if spam { spams } else { ham }, which)),
                &mut r,
                topics,
                products,
            );
            let title = if spam {
                fill(
                    if ja { "{p}の最安値" } else { "cheap {p}" },
                    &mut r,
                    topics,
                    products,
                )
            } else {
                fill(
                    if ja {
                        "{t}に行ってきました"
                    } else {
                        "A day at {t}"
                    },
                    &mut r,
                    topics,
                    products,
                )
            };
            let blog_name = if spam {
                r.pick(products).to_owned()
            } else if ja {
                format!("{}の日記", r.pick(JA_NAMES))
            } else {
                format!("{}'s notes", r.pick(EN_NAMES))
            };
            PingSample {
                spam,
                title: format!("{title} {i}"),
                excerpt,
                blog_name,
                encoding: if ja { ENCODINGS[i % 4] } else { "UTF-8" },
                links_back: !spam || r.below(3) == 0,
            }
        })
        .collect()
}
