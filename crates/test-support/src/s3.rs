//! An S3-compatible server on loopback for tests of the S3 media store: `moto_server`
//! (PyPI `moto[server]`, installed by `.ci/run`). Required under `CI=true`; elsewhere a
//! test without it is skipped with a printed reason.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running moto server with one empty bucket; stopped when dropped.
pub struct S3Server {
    pub endpoint: String,
    pub bucket: String,
    child: Child,
}

impl S3Server {
    /// Starts a server and creates a bucket, or returns None (after saying why) when moto is
    /// not installed and CI does not require it.
    pub async fn start() -> Option<S3Server> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        let child = match Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                assert!(
                    !crate::postgres_required(),
                    "moto_server (pip install 'moto[server]') is required under CI: {e}"
                );
                eprintln!(
                    "skipping S3 media test: moto_server not found ({e}); pip install 'moto[server]'"
                );
                return None;
            }
        };
        let mut server = S3Server {
            endpoint: format!("http://127.0.0.1:{port}"),
            bucket: "tsuzuri-media".into(),
            child,
        };
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            // Creating the bucket doubles as the readiness check (moto answers unsigned calls).
            match client
                .put(format!("{}/{}", server.endpoint, server.bucket))
                .send()
                .await
            {
                Ok(r) if r.status().is_success() => break,
                _ if started.elapsed() > Duration::from_secs(30) => {
                    let _ = server.child.kill();
                    panic!("moto_server did not come up on {}", server.endpoint);
                }
                _ => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        Some(server)
    }

    /// The settings a media store needs to use this server.
    pub fn vars(&self) -> Vec<(String, String)> {
        [
            ("AWS_ENDPOINT", self.endpoint.as_str()),
            ("AWS_ALLOW_HTTP", "true"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", "test"),
            ("AWS_SECRET_ACCESS_KEY", "test"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
