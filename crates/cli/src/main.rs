//! `tsuzuri`: the one binary. Parses the command line, opens the store chosen by the database
//! URL, and hands over to the use cases (`tsuzuri-app`) or the web server (`tsuzuri-web`).

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use tsuzuri_app::App;
use tsuzuri_app::import_mt::ImportOptions;
use tsuzuri_app::media::{MediaStore, StorageError};
use tsuzuri_core::origins::{BlogHosts, Origins};
use tsuzuri_store::{ConnectOptions, DatabaseUrl, Store};

#[derive(Parser)]
#[command(
    name = "tsuzuri",
    version,
    about = "tsuzuri (綴り): a blog host you can always leave"
)]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Data directory: the SQLite database (when no --database is given) and media live here.
    #[arg(
        long,
        global = true,
        env = "TSUZURI_DATA",
        default_value = "./tsuzuri-data"
    )]
    data: PathBuf,
    /// Database URL: sqlite://PATH (must exist; add ?mode=rwc to create) or postgres://USER@HOST/DB.
    /// Defaults to the SQLite file in the data directory.
    #[arg(long, global = true, env = "TSUZURI_DATABASE_URL")]
    database: Option<String>,
    /// Where uploaded files are kept: a directory, file:///PATH, or s3://BUCKET[/PREFIX]
    /// (credentials and endpoint from AWS_* variables). Defaults to DATA/media.
    #[arg(long, global = true, env = "TSUZURI_MEDIA_STORE")]
    media_store: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve(ServeArgs),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage blogs.
    #[command(subcommand)]
    Blog(BlogCommand),
    /// Import a file into a blog (atomic: a file with errors changes nothing).
    Import(ImportArgs),
    /// Export a blog.
    Export(ExportArgs),
    /// Apply pending database migrations (serve does this on start too).
    Migrate,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "TSUZURI_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Page cache: on (default) or off (every request renders from the database).
    #[arg(long, env = "TSUZURI_PAGE_CACHE", default_value = "on")]
    page_cache: OnOff,
    /// The blog origin: base URL of the host front page and of path-based blogs, used in
    /// feeds and links (default: http:// + the request's Host, `localhost` read as
    /// 127.0.0.1). Needs --admin-url.
    #[arg(long, env = "TSUZURI_PUBLIC_URL")]
    public_url: Option<String>,
    /// The admin origin: base URL of the admin, sign-in and setup, on a host name of its own
    /// (default: http://localhost on the listening port). Needs --public-url.
    #[arg(long, env = "TSUZURI_ADMIN_URL")]
    admin_url: Option<String>,
    /// Host-based blogs: each blog on its own origin, e.g. https://{blog}.blogs.example
    /// (default: blogs live under /{blog}/ on the blog origin).
    #[arg(long, env = "TSUZURI_BLOG_URL_PATTERN")]
    blog_url_pattern: Option<String>,
    /// Allow outbound requests to private and loopback addresses (tests and local interop only).
    #[arg(long, env = "TSUZURI_OUTBOUND_ALLOW_PRIVATE", default_value_t = false)]
    outbound_allow_private: bool,
    /// Largest file an upload may be, in megabytes.
    #[arg(long, env = "TSUZURI_MAX_UPLOAD_MB", default_value_t = 20)]
    max_upload_mb: usize,
    /// SMTP server for owners' notification e-mail: smtps://[user:password@]host[:port]
    /// (TLS), smtp://host:587?tls=required (STARTTLS) or smtp://host (unencrypted, local
    /// relays only); needs --public-url; unset: no e-mail.
    #[arg(long, env = "TSUZURI_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender of notification e-mail.
    #[arg(
        long,
        env = "TSUZURI_MAIL_FROM",
        default_value = "tsuzuri <tsuzuri@localhost>"
    )]
    mail_from: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Set a new password (read from standard input) and sign the user out everywhere.
    ResetPassword {
        login: String,
        /// Read the password from standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Create a user; the password is read from standard input.
    Add {
        login: String,
        #[arg(long)]
        email: String,
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Make the user a host administrator.
        #[arg(long)]
        admin: bool,
    },
}

#[derive(Subcommand)]
enum BlogCommand {
    /// Create a blog owned by an existing user.
    Create {
        slug: String,
        #[arg(long)]
        owner: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        description: String,
        /// Reader-facing language: ja or en.
        #[arg(long, default_value = "ja")]
        lang: String,
        /// IANA time zone used for dates and permalinks.
        #[arg(long, default_value = "Asia/Tokyo")]
        timezone: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportFormat {
    /// Movable Type export format (also written by Hatena, FC2, JUGEM, livedoor…).
    Mt,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// Movable Type export format.
    Mt,
}

#[derive(Args)]
struct ImportArgs {
    #[arg(long)]
    blog: String,
    #[arg(long, value_enum)]
    format: ImportFormat,
    /// The file to import.
    file: PathBuf,
    /// Character encoding of the file (utf-8, euc-jp, shift_jis, iso-2022-jp); detected by default.
    #[arg(long)]
    encoding: Option<String>,
    /// Time zone the file's dates were written in; defaults to the blog's.
    #[arg(long)]
    source_timezone: Option<String>,
    /// Import the valid entries and list the ones skipped, instead of refusing the file.
    #[arg(long)]
    skip_invalid: bool,
}

#[derive(Args)]
struct ExportArgs {
    #[arg(long)]
    blog: String,
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Output file, or - for standard output.
    #[arg(long)]
    output: PathBuf,
}

/// mimalloc rather than the system allocator: a page allocates and frees thousands of small
/// values (rows, template values, strings) across worker threads, where glibc's malloc spent
/// about an eighth of an uncached page's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes: 0 done, 1 our fault or the database's, 2 bad input.
fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tsuzuri: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match rt.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tsuzuri: {e:#}");
            ExitCode::from(exit_code_of(&e))
        }
    }
}

fn exit_code_of(e: &anyhow::Error) -> u8 {
    match e.downcast_ref::<tsuzuri_app::Error>() {
        Some(tsuzuri_app::Error::Unavailable(_) | tsuzuri_app::Error::Internal(_)) => 1,
        Some(_) => 2,
        None => match e.downcast_ref::<tsuzuri_store::StoreError>() {
            Some(
                tsuzuri_store::StoreError::InvalidUrl(_) | tsuzuri_store::StoreError::NotFound(_),
            ) => 2,
            _ if matches!(
                e.downcast_ref::<StorageError>(),
                Some(StorageError::Config(_))
            ) =>
            {
                2
            }
            _ => 1,
        },
    }
}

async fn open_store(db: &DbArgs) -> anyhow::Result<Store> {
    let (url, opts) = match &db.database {
        Some(u) => (DatabaseUrl::parse(u)?, ConnectOptions::default()),
        None => {
            std::fs::create_dir_all(&db.data).with_context(|| {
                format!("cannot create the data directory {}", db.data.display())
            })?;
            (
                DatabaseUrl::sqlite_in(&db.data),
                ConnectOptions {
                    create_sqlite: true,
                    ..Default::default()
                },
            )
        }
    };
    let store = Store::open(&url, &opts).await?;
    tracing::debug!(database = %url.display_redacted(), "store opened");
    Ok(store)
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let store = open_store(&cli.db).await?;
    let media = match &cli.db.media_store {
        Some(url) => MediaStore::from_url(url)?,
        None => MediaStore::local(&cli.db.data.join("media"))?,
    };
    let app = App::new(store.clone(), media)?;
    let result = match cli.command {
        Command::Serve(args) => serve(app, &cli.db, args).await,
        Command::Migrate => {
            println!("database is up to date ({})", store.backend_name());
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::Add {
            login,
            email,
            password_stdin: _,
            admin,
        }) => {
            let password = read_password()?;
            let id = app
                .add_user(tsuzuri_app::users::AddUser {
                    login: login.clone(),
                    email,
                    password,
                    is_admin: admin,
                })
                .await?;
            println!(
                "created user {login} (id {id}){}",
                if admin {
                    " with host administrator rights"
                } else {
                    ""
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::ResetPassword {
            login,
            password_stdin: _,
        }) => {
            let password = read_password()?;
            app.reset_password(&login, &password).await?;
            println!("new password set for {login}; all of their sessions were ended");
            Ok(ExitCode::SUCCESS)
        }
        Command::Blog(BlogCommand::Create {
            slug,
            owner,
            title,
            description,
            lang,
            timezone,
        }) => {
            let blog = app
                .create_blog(tsuzuri_app::blogs::CreateBlog {
                    slug,
                    owner_login: owner,
                    title,
                    description,
                    lang,
                    timezone,
                })
                .await?;
            println!(
                "created blog {} ({}); it is served at /{}/",
                blog.slug, blog.title, blog.slug
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => import(&app, args).await,
        Command::Export(args) => export(&app, args).await,
    };
    store.close().await;
    result
}

/// The password from standard input, without the line end a shell `echo` adds.
fn read_password() -> anyhow::Result<String> {
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    Ok(password.trim_end_matches(['\r', '\n']).to_string())
}

async fn import(app: &App, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let ImportFormat::Mt = args.format;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let file = args.file.display().to_string();
    let opts = ImportOptions {
        encoding: args.encoding,
        source_timezone: args.source_timezone,
        skip_invalid: args.skip_invalid,
    };
    match app.import_mt(&args.blog, &bytes, &opts).await {
        Ok(report) => {
            for (line, msg) in &report.warnings {
                eprintln!("{file}:{line}: warning: {msg}");
            }
            for (line, msg) in &report.skipped {
                eprintln!("{file}:{line}: skipped: {msg}");
            }
            for (from, to) in &report.summary.renamed {
                eprintln!("{file}: basename {from:?} was taken; the entry was imported as {to:?}");
            }
            let s = &report.summary;
            println!(
                "imported {} entries, {} comments, {} pings into {} ({} new categories; file encoding {})",
                s.entries, s.comments, s.pings, args.blog, s.categories_created, report.encoding
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(tsuzuri_app::Error::BadImport(problems)) => {
            for (line, msg) in &problems {
                eprintln!("{file}:{line}: {msg}");
            }
            eprintln!(
                "tsuzuri: nothing was imported: {} problem(s) in {file}; fix them or pass --skip-invalid to import the rest",
                problems.len()
            );
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(e.into()),
    }
}

async fn export(app: &App, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let ExportFormat::Mt = args.format;
    let text = app.export_mt(&args.blog).await?;
    if args.output.as_os_str() == "-" {
        std::io::stdout().write_all(text.as_bytes())?;
    } else {
        // Write beside the target and rename, so a failed export never leaves half a file.
        let tmp = args.output.with_extension("partial");
        std::fs::write(&tmp, text.as_bytes())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &args.output)
            .with_context(|| format!("cannot write {}", args.output.display()))?;
        eprintln!("exported {} to {}", args.blog, args.output.display());
    }
    Ok(ExitCode::SUCCESS)
}

async fn serve(app: App, db: &DbArgs, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let addr = listener.local_addr()?;
    let config = tsuzuri_web::WebConfig {
        page_cache: matches!(args.page_cache, OnOff::On),
        public_url: args.public_url.clone(),
        admin_url: args.admin_url.clone(),
        blog_hosts: args
            .blog_url_pattern
            .as_deref()
            .map(BlogHosts::parse)
            .transpose()
            .map_err(|e| tsuzuri_app::Error::Invalid(format!("--blog-url-pattern: {e}")))?,
        max_upload_bytes: args.max_upload_mb.saturating_mul(1024 * 1024),
        ..Default::default()
    };
    let origins = configured_origins(&args, &config, addr)?;
    let mail = match &args.smtp_url {
        Some(_) if args.public_url.is_none() => {
            return Err(tsuzuri_app::Error::Invalid(
                "--smtp-url needs --public-url and --admin-url: links in notification e-mail \
                 must not come from a request's Host header, which anyone sending a comment \
                 controls"
                    .into(),
            )
            .into());
        }
        Some(url) => Some(
            tsuzuri_app::notify::mailer(url, &args.mail_from)
                .context("--smtp-url / --mail-from")?,
        ),
        None => None,
    };
    let mut app = app.with_outbound(tsuzuri_app::pings::outbound(args.outbound_allow_private)?);
    if let Some(mailer) = mail {
        app = app.with_mailer(mailer, origins.clone());
    }
    if args.outbound_allow_private {
        tracing::warn!(
            "outbound requests to private and loopback addresses are allowed (--outbound-allow-private)"
        );
    }
    let where_ = match &db.database {
        Some(u) => DatabaseUrl::parse(u)
            .map(|u| u.display_redacted())
            .unwrap_or_default(),
        None => format!("SQLite in {}", db.data.display()),
    };
    println!(
        "tsuzuri is serving on {addr} (database: {where_}; page cache {})",
        if config.page_cache { "on" } else { "off" }
    );
    println!("  blogs: {}", origins.front_url());
    if let Some(h) = &config.blog_hosts {
        println!("         each blog at {}://BLOG{}/", h.scheme, h.suffix);
    }
    println!("  admin: {}", origins.admin_url("/admin/"));
    if let Some(token) = app.create_setup_token().await? {
        println!(
            "No users yet. Open this one-time link (valid for an hour) to create the first administrator:"
        );
        println!(
            "  {}",
            origins.admin_url(&format!("/admin/setup?token={token}"))
        );
        println!("or create them on the command line, then a blog (in another terminal):");
        println!(
            "  echo 'a-long-password' | tsuzuri user add LOGIN --email you@example.com --password-stdin --admin"
        );
        println!(
            "  tsuzuri blog create SLUG --owner LOGIN --title 'My blog' --lang ja --timezone Asia/Tokyo"
        );
        println!(
            "  tsuzuri import --blog SLUG --format mt export.txt   # optional: bring entries from another host"
        );
    }
    let purger = tokio::spawn(purge_trash_hourly(app.clone()));
    let worker = tokio::spawn(tsuzuri_web::run_jobs(app.clone(), Duration::from_secs(1)));
    let watcher = tokio::spawn(tsuzuri_web::watch_content_version(
        app.clone(),
        Duration::from_millis(500),
    ));
    let router = tsuzuri_web::router(app, config);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    watcher.abort();
    purger.abort();
    worker.abort();
    println!("tsuzuri stopped");
    Ok(ExitCode::SUCCESS)
}

/// The origins `serve` announces (and mails with): both URLs as configured, or, with
/// neither, blogs on 127.0.0.1 and the admin on localhost at the listening port. Refuses an
/// admin that would share cookies with blog pages.
fn configured_origins(
    args: &ServeArgs,
    config: &tsuzuri_web::WebConfig,
    addr: std::net::SocketAddr,
) -> anyhow::Result<Origins> {
    let check_url = |flag: &str, url: &str| {
        let ok = tsuzuri_core::origins::origin_of_url(url)
            .is_some_and(|o| o == url.trim_end_matches('/').to_ascii_lowercase());
        if ok {
            Ok(())
        } else {
            Err(tsuzuri_app::Error::Invalid(format!(
                "{flag} {url:?} must be an origin such as https://blogs.example (http(s), a host, no path)"
            )))
        }
    };
    let origins = match (&args.public_url, &args.admin_url) {
        (Some(public), Some(admin)) => {
            check_url("--public-url", public)?;
            check_url("--admin-url", admin)?;
            config.origins_for("")
        }
        (None, None) => config.origins_for(&format!("127.0.0.1:{}", addr.port())),
        _ => {
            return Err(tsuzuri_app::Error::Invalid(
                "--public-url and --admin-url go together: the admin needs a host name of its \
                 own (e.g. https://blogs.example and https://admin.example), so that blog pages \
                 never share its cookies"
                    .into(),
            )
            .into());
        }
    };
    origins.check().map_err(tsuzuri_app::Error::Invalid)?;
    Ok(origins)
}

/// Deletes for good the entries that have been in the trash for more than 30 days.
async fn purge_trash_hourly(app: App) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match app.purge_old_trash().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                entries = n,
                "purged entries older than 30 days from the trash"
            ),
            Err(e) => {
                tracing::warn!(error = %e, "could not purge the trash; will try again in an hour")
            }
        }
        match app.purge_old_spam().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(responses = n, "purged spam older than 30 days"),
            Err(e) => {
                tracing::warn!(error = %e, "could not purge old spam; will try again in an hour")
            }
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
