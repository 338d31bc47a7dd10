//! One contract, two backends: every test here runs on SQLite and on PostgreSQL.

use tsuzuri_core::{BlogId, UserId};
use tsuzuri_store::*;
use tsuzuri_test_support::TestDb;

fn user(login: &str) -> NewUser {
    NewUser {
        login: login.into(),
        email: format!("{login}@example.com"),
        display_name: login.into(),
        password_hash: "$argon2id$test".into(),
        is_admin: false,
        now: 1_000,
    }
}

fn blog(slug: &str, owner: UserId) -> NewBlog {
    NewBlog {
        slug: slug.into(),
        title: "t".into(),
        description: String::new(),
        lang: "ja".into(),
        timezone: "Asia/Tokyo".into(),
        owner_id: owner,
        now: 1_000,
    }
}

fn entry(basename: &str, status: &str, authored_on: i64) -> NewEntry {
    NewEntry {
        author_id: None,
        author_name: "kaz".into(),
        title: format!("title {basename}"),
        basename: basename.into(),
        year: 2006,
        month: 6,
        status: status.into(),
        text_format: "0".into(),
        body_source: "b".into(),
        more_source: String::new(),
        body_html: "<p>b</p>".into(),
        more_html: String::new(),
        excerpt: String::new(),
        keywords: String::new(),
        allow_comments: true,
        allow_pings: true,
        authored_on,
        extra: "[]".into(),
        categories: vec!["日記".into(), "Tech".into()],
        tags: vec!["rust".into()],
        comments: vec![NewComment {
            author: "a".into(),
            email: "a@example.com".into(),
            url: String::new(),
            ip: "192.0.2.1".into(),
            body: "hi".into(),
            status: "approved".into(),
            created_at: authored_on + 10,
        }],
        pings: vec![],
        now: 2_000,
        revision: None,
        trackback_urls: Vec::new(),
        jobs: Vec::new(),
    }
}

async fn with_blog(db: &TestDb) -> BlogId {
    let owner = db.store.create_user(&user("owner")).await.expect("user");
    db.store
        .create_blog(&blog("diary", owner))
        .await
        .expect("blog")
        .blog_id()
}

#[tokio::test]
async fn unique_names_are_conflicts() {
    for db in TestDb::all().await {
        let owner = db.store.create_user(&user("owner")).await.expect("user");
        let err = db
            .store
            .create_user(&user("owner"))
            .await
            .expect_err("duplicate login");
        assert!(
            matches!(err, StoreError::Conflict(_)),
            "{:?}: {err:?}",
            db.backend
        );
        db.store
            .create_blog(&blog("diary", owner))
            .await
            .expect("blog");
        let err = db
            .store
            .create_blog(&blog("diary", owner))
            .await
            .expect_err("duplicate slug");
        assert!(
            matches!(err, StoreError::Conflict(ref m) if m.contains("diary")),
            "{err:?}"
        );
        assert_eq!(db.store.count_users().await.expect("count"), 1);
    }
}

#[tokio::test]
async fn only_published_entries_whose_time_has_come_are_public() {
    for db in TestDb::all().await {
        let b = with_blog(&db).await;
        let now = 1_150_000_000;
        let entries = vec![
            entry("a", "publish", now - 300),
            entry("b", "draft", now - 200),
            entry("c", "publish", now - 100),
            entry("d", "publish", now + 100),
        ];
        let summary = db
            .store
            .import_entries(b, &entries, &[])
            .await
            .expect("import");
        assert_eq!(summary.entries, 4);
        assert_eq!(summary.comments, 4);
        assert_eq!(summary.categories_created, 2);
        let public = db
            .store
            .list_public_entries(b, EntryFilter::All, now, 10, 0)
            .await
            .expect("list");
        let names: Vec<_> = public.iter().map(|e| e.basename.as_str()).collect();
        assert_eq!(names, ["c", "a"], "{:?}", db.backend);
        assert_eq!(
            db.store
                .count_public_entries(b, EntryFilter::All, now)
                .await
                .expect("count"),
            2
        );
        assert!(
            db.store
                .find_public_entry(b, "2006/06/b.html", now)
                .await
                .expect("find")
                .is_none()
        );
        assert!(
            db.store
                .find_public_entry(b, "2006/06/d.html", now)
                .await
                .expect("find")
                .is_none()
        );
        let a = db
            .store
            .find_public_entry(b, "2006/06/a.html", now)
            .await
            .expect("find")
            .expect("a is public");
        let (older, newer) = db.store.neighbours(b, &a, now).await.expect("neighbours");
        assert!(older.is_none());
        assert_eq!(
            newer.map(|n| n.path),
            Some("2006/06/c.html".to_string()),
            "draft skipped"
        );
        let months = db.store.month_counts(b, now).await.expect("months");
        assert_eq!(months.len(), 1);
        assert_eq!((months[0].month_key, months[0].public_entries), (200606, 2));
        let cats = db.store.category_counts(b, now).await.expect("cats");
        assert_eq!(
            cats.iter()
                .map(|c| (c.label.as_str(), c.public_entries))
                .collect::<Vec<_>>(),
            [("Tech", 2), ("日記", 2)]
        );
        let counts = db.store.response_counts(&[a.id]).await.expect("counts");
        assert_eq!(counts, vec![(a.id, 1, 0)]);
    }
}

#[tokio::test]
async fn taken_permalinks_get_suffixes() {
    for db in TestDb::all().await {
        let b = with_blog(&db).await;
        db.store
            .import_entries(b, &[entry("same", "publish", 1)], &[])
            .await
            .expect("first");
        let s = db
            .store
            .import_entries(
                b,
                &[entry("same", "publish", 2), entry("same", "publish", 3)],
                &[],
            )
            .await
            .expect("second");
        assert_eq!(
            s.renamed,
            vec![
                ("same".into(), "same_1".into()),
                ("same".into(), "same_2".into())
            ]
        );
        let all = db.store.export_entries(b).await.expect("export");
        let names: Vec<_> = all.iter().map(|e| e.entry.basename.as_str()).collect();
        assert_eq!(names, ["same", "same_1", "same_2"]);
    }
}

#[tokio::test]
async fn a_failing_import_writes_nothing() {
    for db in TestDb::all().await {
        let b = with_blog(&db).await;
        let mut bad = entry("bad", "publish", 5);
        bad.author_id = Some(UserId(999_999)); // breaks a foreign key mid-import
        let version = db.store.content_version().await.expect("version");
        let err = db
            .store
            .import_entries(b, &[entry("good", "publish", 4), bad], &[])
            .await;
        assert!(err.is_err(), "{:?}", db.backend);
        assert!(
            db.store.export_entries(b).await.expect("export").is_empty(),
            "partial import left rows"
        );
        assert!(
            db.store
                .categories_of_blog(b)
                .await
                .expect("cats")
                .is_empty()
        );
        assert_eq!(db.store.content_version().await.expect("version"), version);
    }
}

#[tokio::test]
async fn export_returns_everything_in_authored_order() {
    for db in TestDb::all().await {
        let b = with_blog(&db).await;
        db.store
            .import_entries(
                b,
                &[entry("late", "draft", 50), entry("early", "publish", 10)],
                &[],
            )
            .await
            .expect("import");
        let all = db.store.export_entries(b).await.expect("export");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].entry.basename, "early");
        assert_eq!(all[1].entry.status, "draft");
        assert_eq!(
            all[0].categories,
            vec![("日記".to_string(), true), ("Tech".to_string(), false)]
        );
        assert_eq!(all[0].tags, vec!["rust".to_string()]);
        assert_eq!(all[0].comments[0].email, "a@example.com");
    }
}

#[tokio::test]
async fn writes_bump_the_content_version() {
    for db in TestDb::all().await {
        let v0 = db.store.content_version().await.expect("v0");
        let b = with_blog(&db).await;
        let v1 = db.store.content_version().await.expect("v1");
        assert!(v1 > v0);
        db.store
            .import_entries(b, &[entry("x", "publish", 1)], &[])
            .await
            .expect("import");
        assert!(db.store.content_version().await.expect("v2") > v1);
    }
}

#[tokio::test]
async fn urls_are_checked_and_sqlite_paths_are_never_created_by_accident() {
    assert!(matches!(
        DatabaseUrl::parse("mysql://x"),
        Err(StoreError::InvalidUrl(_))
    ));
    let dir = tempfile::tempdir().expect("dir");
    let missing = format!("sqlite://{}/typo.sqlite3", dir.path().display());
    let err = Store::open(
        &DatabaseUrl::parse(&missing).expect("url"),
        &ConnectOptions::default(),
    )
    .await;
    assert!(matches!(err, Err(StoreError::NotFound(_))));
    assert!(!dir.path().join("typo.sqlite3").exists());
    let create = format!("{missing}?mode=rwc");
    let store = Store::open(
        &DatabaseUrl::parse(&create).expect("url"),
        &ConnectOptions::default(),
    )
    .await
    .expect("created");
    store.close().await;
    assert!(dir.path().join("typo.sqlite3").exists());
}

#[tokio::test]
async fn migrations_are_idempotent() {
    for db in TestDb::all().await {
        db.store.migrate().await.expect("second migrate is a no-op");
        assert_eq!(db.store.count_users().await.expect("count"), 0);
    }
}

#[tokio::test]
async fn sign_in_failures_count_within_a_window() {
    for db in TestDb::all().await {
        let s = &db.store;
        assert_eq!(
            s.record_sign_in_failure("login:x", 1_000, 900)
                .await
                .expect("first"),
            1,
            "{:?}",
            db.backend
        );
        assert_eq!(
            s.record_sign_in_failure("login:x", 1_100, 900)
                .await
                .expect("second"),
            2
        );
        assert_eq!(
            s.sign_in_failures("login:x", 1_200, 900)
                .await
                .expect("read"),
            (2, 1_000)
        );
        // After the window the count starts over.
        assert_eq!(
            s.record_sign_in_failure("login:x", 2_000, 900)
                .await
                .expect("later"),
            1
        );
        s.clear_sign_in_failures("login:x").await.expect("clear");
        assert_eq!(
            s.sign_in_failures("login:x", 2_001, 900)
                .await
                .expect("read")
                .0,
            0
        );
    }
}

#[tokio::test]
async fn sessions_expire_and_end() {
    for db in TestDb::all().await {
        let owner = db.store.create_user(&user("owner")).await.expect("user");
        db.store
            .create_session("hash", owner, "csrf", 100, 200)
            .await
            .expect("create");
        let live = db
            .store
            .find_session("hash", 150)
            .await
            .expect("find")
            .expect("live");
        assert_eq!(
            (live.login.as_str(), live.csrf_token.as_str()),
            ("owner", "csrf")
        );
        assert!(
            db.store
                .find_session("hash", 200)
                .await
                .expect("find")
                .is_none(),
            "expired"
        );
        db.store
            .delete_sessions_of_user(owner, 150)
            .await
            .expect("end all");
        assert!(
            db.store
                .find_session("hash", 150)
                .await
                .expect("find")
                .is_none()
        );
    }
}

#[tokio::test]
async fn jobs_are_claimed_once_leased_retried_and_given_up() {
    for db in TestDb::all().await {
        let s = &db.store;
        assert!(s.claim_job(100, 60).await.expect("claim").is_none());
        let first = s
            .enqueue_job("verify", "{\"n\":1}", 100)
            .await
            .expect("enqueue");
        let later = s
            .enqueue_job("verify", "{\"n\":2}", 500)
            .await
            .expect("enqueue");

        // Due jobs only, oldest first; a claimed job is leased, not handed out twice.
        let job = s.claim_job(100, 60).await.expect("claim").expect("due");
        assert_eq!(
            (job.id, job.attempts, job.payload.as_str()),
            (first, 1, "{\"n\":1}")
        );
        assert!(
            s.claim_job(120, 60).await.expect("claim").is_none(),
            "leased until 160"
        );
        // A worker that died: the lease runs out and the job comes back.
        let again = s
            .claim_job(200, 60)
            .await
            .expect("claim")
            .expect("lease expired");
        assert_eq!((again.id, again.attempts), (first, 2));

        // A failure with a retry time waits for it; without one the job is given up.
        s.fail_job(first, "timeout", Some(300), 200)
            .await
            .expect("fail");
        assert!(s.claim_job(250, 60).await.expect("claim").is_none());
        let retried = s
            .claim_job(300, 60)
            .await
            .expect("claim")
            .expect("retry due");
        assert_eq!(retried.id, first);
        s.fail_job(first, "gone for good", None, 300)
            .await
            .expect("give up");
        let next = s
            .claim_job(600, 60)
            .await
            .expect("claim")
            .expect("the other job");
        assert_eq!(next.id, later, "a given-up job never returns");
        s.finish_job(later).await.expect("finish");
        assert!(s.claim_job(10_000, 60).await.expect("claim").is_none());
    }
}

#[tokio::test]
async fn old_spam_is_purged_and_nothing_else() {
    for db in TestDb::all().await {
        let blog = with_blog(&db).await;
        let s = &db.store;
        s.import_entries(blog, &[entry("spammed", "publish", 1)], &[])
            .await
            .expect("entry");
        let entry: i64 = s
            .find_public_entry(blog, "2006/06/spammed.html", 10_000)
            .await
            .expect("query")
            .expect("entry")
            .id;
        for (status, at) in [
            (tsuzuri_core::ResponseStatus::Spam, 100),
            (tsuzuri_core::ResponseStatus::Spam, 5_000),
            (tsuzuri_core::ResponseStatus::Pending, 100),
            (tsuzuri_core::ResponseStatus::Approved, 100),
        ] {
            s.insert_comment(&ReaderComment {
                blog,
                entry_id: entry,
                parent_id: None,
                user_id: None,
                author: "x",
                email: "x@example.com",
                url: "",
                ip: "192.0.2.1",
                body: status.as_str(),
                status,
                reasons: "",
                created_at: at,
                jobs: &[],
            })
            .await
            .expect("comment");
        }
        assert_eq!(
            s.purge_spam(1_000).await.expect("purge"),
            1,
            "only the old spam"
        );
        let (left, _) = s.comment_queue(blog, "spam", 10, 0).await.expect("queue");
        assert_eq!(left.len(), 1);
        assert_eq!(
            s.comment_queue(blog, "pending", 10, 0).await.expect("q").1,
            1
        );
    }
}

#[tokio::test]
async fn an_outbound_ping_is_queued_once_until_it_is_done_or_stale() {
    for db in TestDb::all().await {
        let b = with_blog(&db).await;
        let summary = db
            .store
            .import_entries(b, &[entry("linked", "publish", 1_500)], &[])
            .await
            .expect("import");
        let e = summary.entry_ids[0];
        let t = "https://tonari.example/post";
        let first = db
            .store
            .queue_outbound_ping(b, e, t, false, 10_000)
            .await
            .expect("queue");
        let id = first.expect("a new target is queued");
        // A second planner (another worker, a double save) finds it pending: nothing to do.
        assert_eq!(
            db.store
                .queue_outbound_ping(b, e, t, false, 10_001)
                .await
                .expect("queue"),
            None
        );
        db.store
            .set_outbound_result(
                id,
                "webmention",
                "https://tonari.example/wm",
                "sent",
                "ok",
                10_002,
            )
            .await
            .expect("result");
        assert_eq!(
            db.store
                .queue_outbound_ping(b, e, t, true, 10_003)
                .await
                .expect("queue"),
            Some(id),
            "{:?}: done, so an update may queue it again",
            db.backend
        );
        // A send whose job was lost is queued again after a day.
        assert_eq!(
            db.store
                .queue_outbound_ping(b, e, t, false, 20_000)
                .await
                .expect("queue"),
            None
        );
        assert_eq!(
            db.store
                .queue_outbound_ping(b, e, t, false, 10_003 + 86_401)
                .await
                .expect("queue"),
            Some(id)
        );
        let rows = db.store.outbound_pings(b, e).await.expect("rows");
        assert_eq!(rows.len(), 1);
        assert!(rows[0].listed, "once listed, stays listed");
    }
}

/// The kept sidebar counts agree with counting the entries, after every kind of write.
async fn assert_counts_kept(db: &TestDb, b: BlogId, now: i64, after: &str) {
    let (kept_cats, kept_months) = db.store.sidebar_counts(b, now).await.expect("kept");
    let live_cats = db.store.category_counts(b, now).await.expect("cats");
    let live_months = db.store.month_counts(b, now).await.expect("months");
    let cats = |rows: &[CategoryCountRow]| {
        rows.iter()
            .map(|c| (c.label.clone(), c.public_entries))
            .collect::<Vec<_>>()
    };
    let months = |rows: &[MonthCountRow]| {
        rows.iter()
            .map(|m| (m.month_key, m.public_entries))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cats(&kept_cats),
        cats(&live_cats),
        "categories after {after} ({:?})",
        db.backend
    );
    assert_eq!(
        months(&kept_months),
        months(&live_months),
        "months after {after} ({:?})",
        db.backend
    );
}

#[tokio::test]
async fn sidebar_counts_are_kept_through_every_write() {
    for db in TestDb::all().await {
        let b = with_blog(&db).await;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs() as i64;
        let mut later = entry("later", "publish", now + 3_600);
        later.month = 7;
        let summary = db
            .store
            .import_entries(
                b,
                &[
                    entry("a", "publish", now - 300),
                    entry("b", "draft", now - 200),
                    later,
                ],
                &[],
            )
            .await
            .expect("import");
        assert_counts_kept(&db, b, now, "a small import").await;
        // The kept counts are the ones in use: nothing to recount.
        assert!(
            db.store
                .recount_stale_blogs(now)
                .await
                .expect("stale")
                .is_empty()
        );
        let (kept, _) = db.store.sidebar_counts(b, now).await.expect("kept");
        assert!(kept.iter().all(|c| c.public_entries == 1), "{kept:?}");

        // An edit that moves the entry to another month and other categories.
        let a = summary.entry_ids[0];
        let mut moved = entry("a", "publish", now - 300);
        moved.month = 5;
        moved.categories = vec!["旅行".into()];
        db.store.update_entry(b, a, &moved).await.expect("update");
        assert_counts_kept(&db, b, now, "an edit").await;
        // Publishing the draft, then taking it back.
        let d = summary.entry_ids[1];
        db.store
            .update_entry(b, d, &entry("b", "publish", now - 200))
            .await
            .expect("publish");
        assert_counts_kept(&db, b, now, "publishing").await;
        db.store.trash_entry(b, d, now, &[]).await.expect("trash");
        assert_counts_kept(&db, b, now, "trashing").await;
        db.store
            .restore_entry(b, d, now, &[])
            .await
            .expect("restore");
        assert_counts_kept(&db, b, now, "restoring").await;

        // A bulk import is counted in one pass.
        let many: Vec<_> = (0..60)
            .map(|i| entry(&format!("bulk{i}"), "publish", now - 1_000 - i))
            .collect();
        db.store.import_entries(b, &many, &[]).await.expect("bulk");
        assert_counts_kept(&db, b, now, "a bulk import").await;
        assert!(
            db.store
                .recount_stale_blogs(now)
                .await
                .expect("stale")
                .is_empty()
        );

        // When the scheduled entry's time has come, pages count live until the blog is
        // recounted, and then the kept counts include it.
        let then = now + 7_200;
        assert_counts_kept(&db, b, then, "the scheduled time").await;
        let recounted = db.store.recount_stale_blogs(then).await.expect("recount");
        assert_eq!(recounted, ["diary"]);
        assert!(
            db.store
                .recount_stale_blogs(then)
                .await
                .expect("again")
                .is_empty()
        );
        let (_, months) = db.store.sidebar_counts(b, then).await.expect("kept");
        assert!(months.iter().any(|m| m.month_key == 200607), "{months:?}");
        assert_counts_kept(&db, b, then, "the recount").await;
    }
}

/// Makes every job of kind `refuse` fail to insert, as a full disk or a lost connection
/// would fail the statement after the write before it.
async fn refuse_jobs_named_refuse(db: &TestDb) {
    let sql = if db.store.backend_name() == "sqlite" {
        "CREATE TRIGGER refuse_jobs BEFORE INSERT ON jobs WHEN NEW.kind = 'refuse'
         BEGIN SELECT RAISE(ABORT, 'refused'); END"
    } else {
        "ALTER TABLE jobs ADD CONSTRAINT refuse_jobs CHECK (kind <> 'refuse')"
    };
    db.store.execute_admin_sql(sql).await.expect("fault");
}

fn job(kind: &str) -> NewJob {
    let mut payload = serde_json::Map::new();
    payload.insert("blog".into(), "diary".into());
    NewJob {
        kind: kind.into(),
        payload,
        run_at: 3_000,
    }
}

#[tokio::test]
async fn an_entry_never_lands_without_its_jobs() {
    for db in TestDb::all().await {
        let b = with_blog(&db).await;
        refuse_jobs_named_refuse(&db).await;
        let mut e = entry("pinged", "publish", 1_500);
        e.trackback_urls = vec!["http://example.com/tb/1".into()];
        e.jobs = vec![job("send_pings")];
        let saved = db.store.import_entries(b, &[e], &[]).await.expect("saved");
        let id = saved.entry_ids[0];
        let claimed = db
            .store
            .claim_job(3_000, 60)
            .await
            .expect("claim")
            .expect("queued");
        assert_eq!(claimed.kind, "send_pings");
        let payload: serde_json::Value = serde_json::from_str(&claimed.payload).expect("json");
        assert_eq!(payload["entry_id"], id, "the job names the new entry");
        assert_eq!(payload["blog"], "diary");
        let listed = db.store.outbound_pings(b, id).await.expect("pings");
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].status.as_str(), listed[0].listed),
            ("waiting", true)
        );

        // The job fails after the entry's rows are written: nothing of the write stays.
        let mut e = entry("lost", "publish", 1_600);
        e.jobs = vec![job("refuse")];
        e.trackback_urls = vec!["http://example.com/tb/2".into()];
        assert!(db.store.import_entries(b, &[e.clone()], &[]).await.is_err());
        let path = tsuzuri_core::permalink::entry_path(2006, 6, "lost");
        assert!(
            db.store
                .find_public_entry(b, &path, 10_000)
                .await
                .expect("read")
                .is_none(),
            "{:?}: a new entry without its job",
            db.backend
        );
        // An edit that fails the same way keeps the entry as it was.
        let mut edit = entry("pinged", "publish", 1_500);
        edit.title = "changed".into();
        edit.jobs = vec![job("refuse")];
        assert!(db.store.update_entry(b, id, &edit).await.is_err());
        let kept = db
            .store
            .entry_for_edit(b, id)
            .await
            .expect("read")
            .expect("there");
        assert_eq!(kept.entry.title, "title pinged", "{:?}", db.backend);

        // A comment whose owner's mail cannot be queued is not recorded either.
        let refused = db
            .store
            .insert_comment(&ReaderComment {
                blog: b,
                entry_id: id,
                parent_id: None,
                user_id: None,
                author: "読者",
                email: "r@example.com",
                url: "",
                ip: "192.0.2.9",
                body: "こんにちは",
                status: tsuzuri_core::ResponseStatus::Approved,
                reasons: "",
                created_at: 2_500,
                jobs: &[job("refuse")],
            })
            .await;
        assert!(refused.is_err());
        let shown = db
            .store
            .approved_comments(tsuzuri_core::EntryId(id))
            .await
            .expect("comments");
        assert!(
            shown.iter().all(|c| c.body != "こんにちは"),
            "{:?}: a comment without its mail",
            db.backend
        );
    }
}

#[tokio::test]
async fn a_snapshot_reads_one_moment_for_the_whole_page() {
    for db in TestDb::all().await {
        let b = with_blog(&db).await;
        db.store
            .import_entries(b, &[entry("first", "publish", 1_500)], &[])
            .await
            .expect("first");
        let first = tsuzuri_core::permalink::entry_path(2006, 6, "first");
        let second = tsuzuri_core::permalink::entry_path(2006, 6, "second");

        let page = db.store.snapshot().await.expect("snapshot");
        assert!(
            page.find_public_entry(b, &first, 10_000)
                .await
                .expect("read")
                .is_some()
        );
        // A write lands between two reads of the same page.
        db.store
            .import_entries(b, &[entry("second", "publish", 1_600)], &[])
            .await
            .expect("second");
        assert!(
            page.find_public_entry(b, &second, 10_000)
                .await
                .expect("read")
                .is_none(),
            "{:?}: the page saw a write made after its first read",
            db.backend
        );
        let (categories, _) = page.sidebar_counts(b, 10_000).await.expect("counts");
        assert!(
            categories.iter().all(|c| c.public_entries == 1),
            "{:?}: the sidebar counted a write the entry did not see: {categories:?}",
            db.backend
        );
        drop(page);

        // The next page sees it; the plain store always did.
        let next = db.store.snapshot().await.expect("snapshot");
        for reader in [&next, &db.store] {
            assert!(
                reader
                    .find_public_entry(b, &second, 10_000)
                    .await
                    .expect("read")
                    .is_some()
            );
        }
    }
}
