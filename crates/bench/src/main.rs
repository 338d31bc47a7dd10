//! `tsuzuri-bench`: builds realistic data sets for benchmarks and times the importer.
//!
//! `seed` fills a database with generated blogs (Japanese and English, with comments and
//! TrackBacks) through the real MT import use case; `import-speed` times one large import.
//! `bench/run.sh` drives both and the HTTP measurements.

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::fmt::Write as _;
use std::time::Instant;
use tsuzuri_app::App;
use tsuzuri_store::{ConnectOptions, DatabaseUrl, Store};

#[derive(Parser)]
struct Cli {
    /// Database URL (sqlite://PATH?mode=rwc or postgres://…).
    #[arg(long)]
    database: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create `blogs` blogs with `entries` entries each, imported as MT files.
    Seed {
        #[arg(long, default_value_t = 1000)]
        blogs: usize,
        #[arg(long, default_value_t = 100)]
        entries: usize,
        /// Comments per entry (on average).
        #[arg(long, default_value_t = 3)]
        comments: usize,
        /// Entries a day: big blogs post several a day, so their dates stay in the past.
        #[arg(long, default_value_t = 1)]
        per_day: usize,
        /// First blog number (blogs are named blog0000, blog0001, …).
        #[arg(long, default_value_t = 0)]
        first_blog: usize,
    },
    /// Import one file of `entries` entries and `comments` comments into a new blog, timed.
    ImportSpeed {
        #[arg(long, default_value_t = 10_000)]
        entries: usize,
        #[arg(long, default_value_t = 50_000)]
        comments: usize,
    },
}

/// A small deterministic generator, so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const JA_WORDS: &[&str] = &[
    "今日は",
    "東京で",
    "新しい",
    "カメラを",
    "買いました。",
    "週末の",
    "散歩は",
    "とても",
    "楽しかった",
    "です。",
    "桜が",
    "咲いて",
    "いました。",
    "ラーメンを",
    "食べに",
    "行きました。",
    "仕事の",
    "帰りに",
    "本屋で",
    "雑誌を",
];
const EN_WORDS: &[&str] = &[
    "today", "I", "walked", "along", "the", "river", "and", "thought", "about", "writing", "more",
    "often", "with", "a", "new", "camera", "that", "arrived", "this", "morning",
];

fn paragraph(rng: &mut Rng, ja: bool, words: usize) -> String {
    let list = if ja { JA_WORDS } else { EN_WORDS };
    let mut s = String::new();
    for i in 0..words {
        if !ja && i > 0 {
            s.push(' ');
        }
        s.push_str(list[rng.below(list.len())]);
    }
    s
}

/// Where and how densely a blog's entries are dated.
#[derive(Clone, Copy)]
struct Dating {
    /// Entry number of the first entry (basenames are `entry_N`).
    first: usize,
    start_day: usize,
    per_day: usize,
}

/// Part of one blog's MT export: entries `per_day` a day, with categories, tags, comments
/// and pings.
fn mt_file(
    rng: &mut Rng,
    ja: bool,
    entries: usize,
    comments_per_entry: usize,
    dating: Dating,
) -> String {
    let mut out = String::new();
    let cats = if ja {
        ["日記", "旅行", "写真", "仕事"]
    } else {
        ["Diary", "Travel", "Photos", "Work"]
    };
    for i in dating.first..dating.first + entries {
        let day = dating.start_day + i / dating.per_day.max(1);
        let (y, m, d) = (2006 + (day / 336) as i32, 1 + (day / 28) % 12, 1 + day % 28);
        let _ = writeln!(out, "AUTHOR: writer");
        let _ = writeln!(out, "TITLE: {}", paragraph(rng, ja, 4));
        let _ = writeln!(out, "BASENAME: entry_{i}");
        let _ = writeln!(
            out,
            "STATUS: Publish\nALLOW COMMENTS: 1\nCONVERT BREAKS: __default__\nALLOW PINGS: 1"
        );
        let cat = cats[rng.below(cats.len())];
        let _ = writeln!(out, "PRIMARY CATEGORY: {cat}\nCATEGORY: {cat}");
        let _ = writeln!(
            out,
            "DATE: {m:02}/{d:02}/{y} {:02}:{:02}:00",
            rng.below(24),
            rng.below(60)
        );
        let _ = writeln!(out, "TAGS: tag{},tag{}", rng.below(20), rng.below(20));
        out.push_str("-----\nBODY:\n");
        for _ in 0..8 {
            let _ = writeln!(out, "{}\n", paragraph(rng, ja, 40));
        }
        out.push_str("-----\nEXTENDED BODY:\n");
        let _ = writeln!(out, "{}", paragraph(rng, ja, 60));
        out.push_str("-----\n");
        for c in 0..rng.below(comments_per_entry * 2 + 1) {
            let _ = write!(
                out,
                "COMMENT:\nAUTHOR: reader{c}\nEMAIL: reader{c}@example.com\nIP: 192.0.2.{c}\nURL: http://reader{c}.example/\nDATE: {m:02}/{d:02}/{y} 23:{:02}:00\n{}\n-----\n",
                c % 60,
                paragraph(rng, ja, 15)
            );
        }
        if rng.below(2) == 0 {
            let _ = write!(
                out,
                "PING:\nTITLE: {}\nURL: http://elsewhere.example/{i}\nIP: 198.51.100.1\nBLOG NAME: よそのブログ\nDATE: {m:02}/{d:02}/{y} 22:00:00\n{}\n-----\n",
                paragraph(rng, ja, 3),
                paragraph(rng, ja, 20)
            );
        }
        out.push_str("--------\n");
    }
    out
}

async fn ensure_owner(app: &App) -> anyhow::Result<()> {
    if app.store.find_user_by_login("bench").await?.is_none() {
        app.add_user(tsuzuri_app::users::AddUser {
            login: "bench".into(),
            email: "bench@example.com".into(),
            password: "benchmark-password".into(),
            is_admin: true,
        })
        .await?;
    }
    Ok(())
}

async fn create_blog(app: &App, slug: &str, ja: bool) -> anyhow::Result<()> {
    app.create_blog(tsuzuri_app::blogs::CreateBlog {
        slug: slug.into(),
        owner_login: "bench".into(),
        title: if ja {
            format!("{slug} の日記")
        } else {
            format!("{slug}'s notes")
        },
        description: String::new(),
        lang: if ja { "ja".into() } else { "en".into() },
        timezone: if ja {
            "Asia/Tokyo".into()
        } else {
            "UTC".into()
        },
    })
    .await?;
    Ok(())
}

/// The allocator of the `tsuzuri` binary, so that timings here are the server's and the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let store = Store::open(
        &DatabaseUrl::parse(&cli.database)?,
        &ConnectOptions::default(),
    )
    .await
    .context("open database")?;
    let app = App::new(store.clone(), tsuzuri_app::media::MediaStore::memory())?;
    ensure_owner(&app).await?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    match cli.command {
        Command::Seed {
            blogs,
            entries,
            comments,
            per_day,
            first_blog,
        } => {
            let started = Instant::now();
            let (mut total_entries, mut total_comments) = (0, 0);
            for b in first_blog..first_blog + blogs {
                let ja = b % 2 == 0;
                let slug = format!("blog{b:04}");
                create_blog(&app, &slug, ja).await?;
                // Big blogs arrive in files of 10,000 entries, so memory stays flat.
                for first in (0..entries).step_by(10_000) {
                    let dating = Dating {
                        first,
                        start_day: b % 300,
                        per_day,
                    };
                    let n = (entries - first).min(10_000);
                    let text = mt_file(&mut rng, ja, n, comments, dating);
                    let report = app
                        .import_mt(&slug, text.as_bytes(), &Default::default())
                        .await?;
                    total_entries += report.summary.entries;
                    total_comments += report.summary.comments;
                }
                if (b + 1) % 100 == 0 {
                    eprintln!(
                        "seeded {} blogs ({:.1}s)",
                        b + 1,
                        started.elapsed().as_secs_f64()
                    );
                }
            }
            println!(
                "seeded {blogs} blogs, {total_entries} entries, {total_comments} comments in {:.1}s",
                started.elapsed().as_secs_f64()
            );
        }
        Command::ImportSpeed { entries, comments } => {
            let slug = format!("import{}", rng.below(1_000_000));
            create_blog(&app, &slug, true).await?;
            let per_entry = comments / entries.max(1);
            let dating = Dating {
                first: 0,
                start_day: 0,
                per_day: 1,
            };
            let mut text = mt_file(&mut rng, true, entries, 0, dating);
            // Give every entry exactly `per_entry` comments, so the totals are the requested ones.
            let comment = "COMMENT:\nAUTHOR: 読者\nEMAIL: r@example.com\nIP: 192.0.2.1\nURL: http://r.example/\nDATE: 01/02/2007 10:00:00\nコメントです。\n-----\n";
            text = text.replace(
                "--------\n",
                &format!("{}--------\n", comment.repeat(per_entry)),
            );
            let bytes = text.len();
            let started = Instant::now();
            let report = app
                .import_mt(&slug, text.as_bytes(), &Default::default())
                .await?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "imported {} entries and {} comments ({:.1} MB) on {} in {secs:.2}s",
                report.summary.entries,
                report.summary.comments,
                bytes as f64 / 1e6,
                store.backend_name()
            );
        }
    }
    store.close().await;
    Ok(())
}
