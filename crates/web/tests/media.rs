//! Uploads over HTTP on both backends: sniffing, thumbnails, serving with long cache
//! headers, refusals, roles; and the same uploads stored in S3-compatible storage.

use std::io::Cursor;
use tsuzuri_test_support::{TestServer, csrf_of, servers};

async fn json_of(res: reqwest::Response) -> serde_json::Value {
    serde_json::from_slice(&res.bytes().await.expect("body")).expect("json")
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    });
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

/// Posts one file to the blog's library; `json` asks for the editor's JSON answer.
async fn upload(
    s: &TestServer,
    blog: &str,
    cookie: &str,
    csrf: Option<&str>,
    file_name: &str,
    bytes: Vec<u8>,
    json: bool,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    if let Some(csrf) = csrf {
        form = form.text("csrf", csrf.to_owned());
    }
    form = form.text("alt", "富士山と湖").part(
        "file",
        reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_owned())
            .mime_str("image/jpeg")
            .expect("mime"),
    );
    let mut req = s
        .client
        .post(s.url(&format!("/admin/{blog}/media")))
        .header("cookie", cookie)
        .multipart(form);
    if json {
        req = req.header("accept", "application/json");
    }
    req.send().await.expect("upload")
}

async fn owner_with_blog(s: &TestServer) -> (String, String) {
    s.blog("diary", "ja", "Asia/Tokyo").await;
    let cookie = s.sign_in("owner", "correct horse battery").await;
    let (status, page) = s.get_as("/admin/diary/media", &cookie).await;
    assert_eq!(status, 200, "{page}");
    (cookie, csrf_of(&page))
}

#[tokio::test]
async fn pictures_are_uploaded_resized_inserted_and_served_for_a_year() {
    for s in servers().await {
        let (cookie, csrf) = owner_with_blog(&s).await;

        // The library's form: the browser's name and type are not trusted, the bytes are.
        let res = upload(
            &s,
            "diary",
            &cookie,
            Some(&csrf),
            "旅行 写真.JPG",
            png(2000, 1000),
            false,
        )
        .await;
        assert_eq!(res.status(), 303);
        let to = res.headers()["location"]
            .to_str()
            .expect("location")
            .to_owned();
        assert_eq!(to, "/admin/diary/media?uploaded=1&known=0");
        let (_, library) = s.get_as(&to, &cookie).await;
        assert!(library.contains("Uploaded 1 file."), "{library}");
        assert!(library.contains("旅行 写真.JPG") && library.contains("2000×1000"));
        assert!(
            library.contains("/media/diary/") && library.contains("/file-"),
            "a Japanese name gets an ASCII stored name"
        );

        // The editor's panel asks for JSON and gets the snippets to insert.
        let res = upload(
            &s,
            "diary",
            &cookie,
            Some(&csrf),
            "photo.png",
            png(2400, 1200),
            true,
        )
        .await;
        assert_eq!(res.status(), 201);
        let body: serde_json::Value = json_of(res).await;
        let file = &body["files"][0];
        let url = file["url"].as_str().expect("url").to_owned();
        let markdown = file["markdown"].as_str().expect("markdown").to_owned();
        assert!(
            url.starts_with("/media/diary/") && url.ends_with(".png"),
            "{url}"
        );
        assert!(
            url.contains("/photo-"),
            "the stored name comes from the uploaded one: {url}"
        );
        assert!(
            markdown.starts_with("[![富士山と湖](/media/diary/")
                && markdown.contains("-medium.png)"),
            "{markdown}"
        );

        // Readers get the original, the medium copy and the thumbnail, cached for a year.
        let res = s.get(&url).await;
        assert_eq!(res.status(), 200);
        let h = res.headers().clone();
        assert_eq!(h["content-type"], "image/png");
        assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(
            h.get("content-disposition").is_none(),
            "pictures are shown inline"
        );
        let original =
            image::load_from_memory(&res.bytes().await.expect("bytes")).expect("decodes");
        assert_eq!((original.width(), original.height()), (2400, 1200));
        let medium_url = markdown
            .split("](")
            .nth(1)
            .expect("medium")
            .trim_end_matches(')');
        let medium =
            image::load_from_memory(&s.get(medium_url).await.bytes().await.expect("bytes"))
                .expect("decodes");
        assert_eq!((medium.width(), medium.height()), (1024, 512));
        let thumb_url = file["preview_url"].as_str().expect("thumb");
        let thumb = image::load_from_memory(&s.get(thumb_url).await.bytes().await.expect("bytes"))
            .expect("decodes");
        assert_eq!(thumb.width(), 320);
        let etag = h["etag"].to_str().expect("etag").to_owned();
        let res = s
            .client
            .get(s.url(&url))
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("GET");
        assert_eq!(res.status(), 304);

        // The same bytes again are recognised, not stored twice.
        let res = upload(
            &s,
            "diary",
            &cookie,
            Some(&csrf),
            "again.png",
            png(2000, 1000),
            false,
        )
        .await;
        assert_eq!(
            res.headers()["location"],
            "/admin/diary/media?uploaded=1&known=1"
        );

        // Inserted into an entry, the picture reaches the public page.
        let (_, editor) = s.get_as("/admin/diary/entries/new", &cookie).await;
        assert!(
            editor.contains("Insert photo.png"),
            "the editor's panel lists recent files: {editor}"
        );
        let res = s
            .client
            .post(s.url("/admin/diary/entries/new"))
            .header("cookie", &cookie)
            .form(&[
                ("csrf", csrf_of(&editor).as_str()),
                ("title", "湖の写真"),
                ("body", &format!("朝の湖です。\n\n{markdown}")),
                ("text_format", "markdown"),
                ("status", "publish"),
            ])
            .send()
            .await
            .expect("save");
        assert_eq!(res.status(), 303);
        let top = s.get_ok("/diary/").await;
        assert!(
            top.contains(&format!("<img src=\"{medium_url}\" alt=\"富士山と湖\"")),
            "{top}"
        );
    }
}

#[tokio::test]
async fn dangerous_malformed_and_oversized_uploads_are_refused() {
    let config = tsuzuri_web::WebConfig {
        max_upload_bytes: 1024 * 1024,
        ..Default::default()
    };
    let s = TestServer::start_with(tsuzuri_test_support::TestDb::sqlite().await, config).await;
    let (cookie, csrf) = owner_with_blog(&s).await;

    // An HTML page named .jpg never becomes a file on this origin.
    let html = b"<!DOCTYPE html><html><script>document.cookie</script></html>".to_vec();
    let res = upload(&s, "diary", &cookie, Some(&csrf), "cat.jpg", html, false).await;
    assert_eq!(res.status(), 415);
    let page = res.text().await.expect("body");
    assert!(
        page.contains("cat.jpg: An HTML or XML document cannot be uploaded"),
        "{page}"
    );
    assert!(
        page.contains("id=\"file-error\""),
        "the message is tied to the file field"
    );
    let res = upload(
        &s,
        "diary",
        &cookie,
        Some(&csrf),
        "x.png",
        b"\x89PNG\r\n\x1a\nbroken".to_vec(),
        true,
    )
    .await;
    assert_eq!(res.status(), 415);
    let err: serde_json::Value = json_of(res).await;
    assert!(
        err["error"]
            .as_str()
            .expect("error")
            .contains("could not be read"),
        "{err}"
    );

    // Too large: a readable 413, and nothing stored.
    let res = upload(
        &s,
        "diary",
        &cookie,
        Some(&csrf),
        "big.png",
        vec![0x89; 2 * 1024 * 1024],
        false,
    )
    .await;
    assert_eq!(res.status(), 413);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("larger than the limit of 1 MB")
    );

    // No form token, no upload; no session, no upload.
    let res = upload(&s, "diary", &cookie, None, "a.png", png(10, 10), false).await;
    assert_eq!(res.status(), 403);
    let res = upload(
        &s,
        "diary",
        "tsuzuri_session=nope",
        Some(&csrf),
        "a.png",
        png(10, 10),
        false,
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .expect("loc")
            .starts_with("/admin/sign-in")
    );
    let (_, library) = s.get_as("/admin/diary/media", &cookie).await;
    assert!(library.contains("0 files."), "{library}");

    // SVG is accepted but served as a download that can run nothing.
    let svg =
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><circle r=\"4\"/></svg>"
            .to_vec();
    let res = upload(&s, "diary", &cookie, Some(&csrf), "logo.svg", svg, true).await;
    assert_eq!(res.status(), 201);
    let body: serde_json::Value = json_of(res).await;
    let res = s.get(body["files"][0]["url"].as_str().expect("url")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .expect("cd")
            .starts_with("attachment")
    );
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .expect("csp")
            .contains("sandbox")
    );

    // Paths that are not files are 404s, never a look outside the store.
    for path in [
        "/media/diary/../../etc/passwd",
        "/media/diary/2026/01/none.png",
        "/media/nobody/a.png",
        "/media/diary/a.html",
    ] {
        assert_eq!(s.get(path).await.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn files_belong_to_their_blog_and_authors_delete_only_their_own() {
    for s in servers().await {
        let (owner, owner_csrf) = owner_with_blog(&s).await;
        for (login, role) in [("ed", "editor"), ("au", "author"), ("stranger", "")] {
            s.user_with_role(login, "diary", role).await;
        }
        let res = upload(
            &s,
            "diary",
            &owner,
            Some(&owner_csrf),
            "owner.png",
            png(40, 40),
            true,
        )
        .await;
        let owners: serde_json::Value = json_of(res).await;
        let owners_id = owners["files"][0]["id"].as_i64().expect("id");
        let owners_url = owners["files"][0]["url"].as_str().expect("url").to_owned();

        let stranger = s.sign_in("stranger", "stranger-password").await;
        assert_eq!(s.get_as("/admin/diary/media", &stranger).await.0, 404);
        let csrf = csrf_of(&s.get_as("/admin/", &stranger).await.1);
        let res = upload(
            &s,
            "diary",
            &stranger,
            Some(&csrf),
            "x.png",
            png(8, 8),
            true,
        )
        .await;
        assert_eq!(res.status(), 404);
        let res = s
            .client
            .post(s.url(&format!("/admin/diary/media/{owners_id}/delete")))
            .header("cookie", &stranger)
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 404);

        let author = s.sign_in("au", "au-password").await;
        let (status, page) = s.get_as("/admin/diary/media", &author).await;
        assert_eq!(status, 200);
        assert!(
            !page.contains(&format!("/media/{owners_id}/delete")),
            "no delete button on others' files"
        );
        let csrf = csrf_of(&page);
        let res = upload(
            &s,
            "diary",
            &author,
            Some(&csrf),
            "mine.png",
            png(30, 30),
            true,
        )
        .await;
        let authors: serde_json::Value = json_of(res).await;
        let authors_id = authors["files"][0]["id"].as_i64().expect("id");
        let authors_url = authors["files"][0]["url"].as_str().expect("url").to_owned();
        let delete = |cookie: String, csrf: String, id: i64| {
            let s = &s;
            async move {
                s.client
                    .post(s.url(&format!("/admin/diary/media/{id}/delete")))
                    .header("cookie", cookie)
                    .form(&[("csrf", csrf)])
                    .send()
                    .await
                    .expect("post")
                    .status()
            }
        };
        assert_eq!(delete(author.clone(), csrf.clone(), owners_id).await, 404);
        assert_eq!(s.get(&owners_url).await.status(), 200, "still there");

        // An editor may delete anyone's file; then it is gone for readers too.
        let editor = s.sign_in("ed", "ed-password").await;
        let ed_csrf = csrf_of(&s.get_as("/admin/diary/media", &editor).await.1);
        assert_eq!(delete(editor, ed_csrf, authors_id).await, 303);
        assert_eq!(s.get(&authors_url).await.status(), 404);
        assert_eq!(delete(author, csrf, authors_id).await, 404);
    }
}

#[tokio::test]
async fn uploads_can_live_in_s3_compatible_storage() {
    let Some(s3) = tsuzuri_test_support::s3::S3Server::start().await else {
        return;
    };
    let media = tsuzuri_app::media::MediaStore::from_url_with(
        &format!("s3://{}/blogs", s3.bucket),
        s3.vars(),
    )
    .expect("s3 store");
    let s = TestServer::start_with_media(
        tsuzuri_test_support::TestDb::sqlite().await,
        Default::default(),
        media,
    )
    .await;
    let (cookie, csrf) = owner_with_blog(&s).await;
    let res = upload(
        &s,
        "diary",
        &cookie,
        Some(&csrf),
        "photo.png",
        png(800, 600),
        true,
    )
    .await;
    assert_eq!(res.status(), 201);
    let body: serde_json::Value = json_of(res).await;
    let url = body["files"][0]["url"].as_str().expect("url").to_owned();
    let id = body["files"][0]["id"].as_i64().expect("id");
    let served = s.get(&url).await.bytes().await.expect("bytes");
    assert_eq!(
        image::load_from_memory(&served).expect("decodes").width(),
        800
    );

    // The bytes really are in the bucket, under the prefix.
    let key = url.trim_start_matches("/media/diary/");
    let listing = reqwest::get(format!("{}/{}?list-type=2", s3.endpoint, s3.bucket))
        .await
        .expect("list")
        .text()
        .await
        .expect("body");
    assert!(
        listing.contains("<Key>blogs/") && listing.contains(key),
        "{listing}"
    );

    let res = s
        .client
        .post(s.url(&format!("/admin/diary/media/{id}/delete")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), 303);
    assert_eq!(s.get(&url).await.status(), 404);
}
