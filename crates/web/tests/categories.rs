//! Renaming categories in the admin on both backends: old archive and feed addresses answer
//! 301 with the new ones, subcategories move along, and only owners and editors may do it.

use tsuzuri_test_support::{TestServer, csrf_of, servers};

async fn rename(s: &TestServer, cookie: &str, id: i64, label: &str, slug: &str) -> (u16, String) {
    let (_, page) = s.get_as("/admin/diary/categories", cookie).await;
    let res = s
        .client
        .post(s.url(&format!("/admin/diary/categories/{id}")))
        .header("cookie", cookie)
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("label", label),
            ("slug", slug),
        ])
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

#[tokio::test]
async fn renamed_categories_keep_their_old_addresses() {
    for s in servers().await {
        s.blog("diary", "ja", "Asia/Tokyo").await;
        s.import(
            "diary",
            "TITLE: 鎌倉の紫陽花\nBASENAME: ajisai\nSTATUS: Publish\nPRIMARY CATEGORY: 旅行\nDATE: 06/15/2006 14:52:00\n-----\nBODY:\n青かった。\n-----\n--------\nTITLE: 京都\nBASENAME: kyoto\nSTATUS: Publish\nCATEGORY: 旅行\nCATEGORY: 食べ物\nDATE: 06/16/2006 10:00:00\n-----\nBODY:\n寺。\n-----\n--------\n",
        )
        .await;
        let blog = s
            .app
            .store
            .find_blog_by_slug("diary")
            .await
            .expect("q")
            .expect("blog");
        let cats = s
            .app
            .store
            .categories_of_blog(blog.blog_id())
            .await
            .expect("cats");
        let travel = cats.iter().find(|c| c.label == "旅行").expect("旅行");
        // A subcategory (made by hand: the MT format has none), with the first entry in it.
        s.app
            .store
            .execute_admin_sql(&format!(
                "INSERT INTO categories (blog_id, parent_id, label, slug, path, position)
                 VALUES ({}, {}, '鎌倉', '鎌倉', '{}/鎌倉', 9);
                 INSERT INTO entry_categories (entry_id, category_id, is_primary, position)
                 SELECT e.id, c.id, FALSE, 1 FROM entries e, categories c
                 WHERE e.basename = 'ajisai' AND c.label = '鎌倉';",
                blog.id, travel.id, travel.path
            ))
            .await
            .expect("subcategory");
        let cats = s
            .app
            .store
            .categories_of_blog(blog.blog_id())
            .await
            .expect("cats");
        let old_top = format!(
            "/diary/category/{}/",
            tsuzuri_app::site::encode_path(&travel.path)
        );
        let child = cats.iter().find(|c| c.label == "鎌倉").expect("鎌倉");
        let old_child = format!(
            "/diary/category/{}/",
            tsuzuri_app::site::encode_path(&child.path)
        );
        assert!(s.get_ok(&old_top).await.contains("京都"));

        let owner = s.sign_in("owner", "correct horse battery").await;
        let (status, page) = s.get_as("/admin/diary/categories", &owner).await;
        assert_eq!(status, 200);
        assert!(page.contains("value=\"旅行\"") && page.contains("value=\"食べ物\""));
        let (status, _) = rename(&s, &owner, travel.id, "旅", "travel").await;
        assert_eq!(status, 303);

        // The archive, its subcategory and its feed all moved, with 301s from the old ones.
        let res = s.get(&old_top).await;
        assert_eq!(res.status(), 301);
        assert!(
            res.headers()["location"]
                .to_str()
                .expect("loc")
                .ends_with("/diary/category/travel/")
        );
        let res = s.get(&old_child).await;
        assert_eq!(res.status(), 301);
        let to = res.headers()["location"].to_str().expect("loc").to_owned();
        assert!(
            to.ends_with("/diary/category/travel/%E9%8E%8C%E5%80%89/"),
            "{to}"
        );
        let res = s.get(&format!("{old_top}atom.xml")).await;
        assert_eq!(res.status(), 301);
        assert!(
            res.headers()["location"]
                .to_str()
                .expect("loc")
                .ends_with("/diary/category/travel/atom.xml")
        );
        let page = s.get_ok("/diary/category/travel/").await;
        assert!(page.contains("旅") && page.contains("京都") && page.contains("鎌倉の紫陽花"));
        let entry = s.get_ok("/diary/2006/06/ajisai.html").await;
        assert!(
            entry.contains("/diary/category/travel/"),
            "entry pages link the new address"
        );

        // Refusals keep the typed text; a sibling's slug is taken.
        let food = cats.iter().find(|c| c.label == "食べ物").expect("食べ物");
        let (status, page) = rename(&s, &owner, food.id, "食べ物", "travel").await;
        assert_eq!(status, 400);
        assert!(
            page.contains("already has the address") && page.contains("id=\"slug-"),
            "{page}"
        );
        let (status, page) = rename(&s, &owner, food.id, "", "a/b").await;
        assert_eq!(status, 400);
        assert!(page.contains("1-100 characters") && page.contains("no slashes"));
        if s.db.backend == tsuzuri_test_support::Backend::Sqlite {
            tsuzuri_test_support::validators::assert_valid_html(&[("categories-errors", page)]);
        }
        assert!(
            s.get_ok(&format!(
                "/diary/category/{}/",
                tsuzuri_app::site::encode_path(&food.path)
            ))
            .await
            .contains("京都")
        );

        // Authors may not; strangers see no blog; unknown ids are 404s.
        s.user_with_role("au", "diary", "author").await;
        s.user_with_role("stranger", "diary", "").await;
        let author = s.sign_in("au", "au-password").await;
        assert_eq!(s.get_as("/admin/diary/categories", &author).await.0, 403);
        let stranger = s.sign_in("stranger", "stranger-password").await;
        assert_eq!(s.get_as("/admin/diary/categories", &stranger).await.0, 404);
        let (status, _) = rename(&s, &owner, 999_999, "x", "x").await;
        assert_eq!(status, 404);

        // Renaming back frees the old address again.
        let (status, _) = rename(&s, &owner, travel.id, "旅行", &travel.slug).await;
        assert_eq!(status, 303);
        assert_eq!(s.get(&old_top).await.status(), 200);
        assert_eq!(s.get("/diary/category/travel/").await.status(), 301);
    }
}
