//! `dateline deploy` against a real S3-compatible server on loopback (`s3s-fs`, started by
//! the test; `.ci/run` installs it), and to a folder target.
//!
//! Without `s3s-fs` on `PATH` the S3 tests print a skip; under `CI=true` they fail instead.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{SiteTest, tree};

const KEY: &str = "dateline-test-key";
const SECRET: &str = "dateline-test-secret";
const BUCKET: &str = "news";

/// An `s3s-fs` server on a free loopback port, storing buckets as folders; killed on drop.
struct S3 {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl S3 {
    /// Starts the server, or `None` (with a printed skip) when it is not installed.
    fn start() -> Option<S3> {
        let found = Command::new("s3s-fs")
            .arg("--help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if !found {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "s3s-fs is not installed, and CI=true needs the deploy tests: cargo install s3s-fs --version 0.14.1 --features binary (see .ci/run)"
            );
            eprintln!(
                "skipped: s3s-fs is not installed (cargo install s3s-fs --version 0.14.1 --features binary)"
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(BUCKET)).unwrap();
        let port = free_port();
        let child = Command::new("s3s-fs")
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", KEY, "--secret-key", SECRET])
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start s3s-fs");
        let s3 = S3 { child, port, dir };
        let t0 = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "s3s-fs did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(s3)
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the bucket holds under `prefix`.
    fn objects(&self, prefix: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        let dir = self.dir.path().join(BUCKET).join(prefix);
        if dir.is_dir() {
            tree(&dir)
        } else {
            BTreeMap::new()
        }
    }
}

/// The basic fixture with a `[[deploy]]` target at `endpoint` (and `extra` keys), and test
/// credentials in the environment.
fn site(endpoint: &str, extra: &str) -> SiteTest {
    let mut t = SiteTest::fixture("basic");
    let config = t.read("config.toml");
    t.file(
        "config.toml",
        &format!(
            "{config}\n[[deploy]]\nname = \"main\"\nurl = \"s3://{BUCKET}/site/\"\nendpoint = \"{endpoint}\"\nregion = \"us-east-1\"\npath_style = true\n{extra}"
        ),
    );
    let home = t.tmp().join("home");
    t.env("HOME", &home.display().to_string())
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_PROFILE", "default")
        .env("AWS_ENDPOINT", "")
        .env("AWS_REGION", "us-east-1");
    t
}

/// The published files of the build: the output folder without the manifest.
fn published(t: &SiteTest) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = tree(&t.out());
    files.remove(Path::new(".dateline-manifest"));
    files
}

fn deploy(t: &mut SiteTest, extra: &[&str]) {
    let root = t.root().display().to_string();
    let mut args = vec!["deploy", "--root", root.as_str()];
    args.extend_from_slice(extra);
    t.run(&args);
}

/// The number after `word ` in the summary line.
fn count(t: &SiteTest, word: &str) -> usize {
    let line = t.stdout();
    let at = line
        .find(&format!("{word} "))
        .unwrap_or_else(|| panic!("no `{word}` in {line}"));
    let digits: String = line[at + word.len() + 1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    digits.parse().unwrap()
}

#[test]
fn first_deploy_uploads_the_site_and_a_second_uploads_nothing() {
    let Some(s3) = S3::start() else { return };
    let mut t = site(&s3.endpoint(), "");
    t.build().success();
    deploy(&mut t, &[]);
    t.success().stdout_contains("Deployed to main: uploaded ");
    let files = published(&t);
    assert_eq!(count(&t, "uploaded"), files.len(), "{}", t.stdout());
    assert_eq!(
        s3.objects("site"),
        files,
        "the bucket holds the site, no bookkeeping"
    );

    deploy(&mut t, &[]);
    t.success()
        .stdout_contains("uploaded 0 (0 B), deleted 0, unchanged ");
    assert_eq!(count(&t, "unchanged"), files.len());
}

#[test]
fn an_edited_dispatch_uploads_only_changed_files_and_a_deleted_one_is_deleted() {
    let Some(s3) = S3::start() else { return };
    let mut t = site(&s3.endpoint(), "");
    t.build().success();
    deploy(&mut t, &[]);
    t.success();

    let path = "content/2022/kyiv-blackouts.md";
    let text = t
        .read(path)
        .replace("+++\n\n", "+++\n\nA new first sentence. ");
    t.file(path, &text);
    let before = published(&t);
    t.build().success();
    let after = published(&t);
    let changed = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .count();
    assert!(changed > 0 && changed < after.len() / 2, "{changed}");
    deploy(&mut t, &[]);
    t.success();
    assert_eq!(count(&t, "uploaded"), changed, "{}", t.stdout());
    // Deleted: only the parts of the search index the edit renamed (named by their contents).
    let renamed = before.keys().filter(|p| !after.contains_key(*p)).count();
    assert!(
        before
            .keys()
            .filter(|p| !after.contains_key(*p))
            .all(|p| p.starts_with("pagefind"))
    );
    assert_eq!(count(&t, "deleted"), renamed, "{}", t.stdout());
    assert_eq!(s3.objects("site"), after);

    t.remove(path);
    t.build().success();
    let gone = after
        .keys()
        .filter(|p| !published(&t).contains_key(*p))
        .count();
    assert!(gone > 0);
    deploy(&mut t, &[]);
    t.success();
    assert_eq!(count(&t, "deleted"), gone, "{}", t.stdout());
    assert_eq!(s3.objects("site"), published(&t));
    assert!(
        !s3.objects("site")
            .keys()
            .any(|p| p.to_string_lossy().contains("kyiv-blackouts"))
    );
}

#[test]
fn dry_run_prints_the_plan_and_changes_nothing() {
    let Some(s3) = S3::start() else { return };
    let mut t = site(&s3.endpoint(), "");
    t.build().success();
    deploy(&mut t, &["--dry-run"]);
    t.success()
        .stdout_contains("upload index.html (new, ")
        .stdout_contains("Dry run, nothing changed; main: would upload ");
    assert!(s3.objects("site").is_empty());
    deploy(&mut t, &[]);
    t.success();
    t.remove("content/2022/kyiv-blackouts.md");
    t.build().success();
    let remote = s3.objects("site");
    deploy(&mut t, &["--dry-run"]);
    t.success().stdout_contains("\ndelete ");
    assert!(t.stdout().contains("kyiv-blackouts"), "{}", t.stdout());
    assert_eq!(s3.objects("site"), remote, "a dry run changed the bucket");
}

#[test]
fn more_deletes_than_allowed_change_nothing() {
    let Some(s3) = S3::start() else { return };
    let mut t = site(&s3.endpoint(), "");
    t.build().success();
    deploy(&mut t, &[]);
    t.success();
    t.remove("content/2022/kyiv-blackouts.md");
    t.build().success();
    let remote = s3.objects("site");
    deploy(&mut t, &["--max-deletes", "1"]);
    t.failure()
        .stderr_contains("more than --max-deletes 1; nothing was changed");
    assert_eq!(s3.objects("site"), remote);
    deploy(&mut t, &["--max-deletes", "100"]);
    t.success();
    assert_eq!(s3.objects("site"), published(&t));
}

#[test]
fn wrong_credentials_fail_clearly_and_change_nothing() {
    let Some(s3) = S3::start() else { return };
    let mut t = site(&s3.endpoint(), "");
    t.build().success();
    t.env("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    deploy(&mut t, &[]);
    t.failure()
        .stderr_contains("deploy to `main`: cannot list the target");
    assert!(s3.objects("site").is_empty());
}

#[test]
fn an_unreachable_server_is_a_clear_error() {
    let port = free_port();
    let mut t = site(&format!("http://127.0.0.1:{port}"), "");
    t.build().success();
    deploy(&mut t, &[]);
    t.failure()
        .stderr_contains("deploy to `main`: cannot list the target");
}

/// The headers of `key` as the server returns them.
fn headers(s3: &S3, key: &str) -> (object_store::Attributes, Vec<u8>) {
    use object_store::ObjectStoreExt as _;
    // rustls's provider, as `dateline deploy` installs it (src/deploy/remote.rs).
    #[allow(deprecated)]
    let _ = rustls::crypto::ring::default_provider().install_default();
    let store = object_store::aws::AmazonS3Builder::new()
        .with_endpoint(s3.endpoint())
        .with_allow_http(true)
        .with_bucket_name(BUCKET)
        .with_region("us-east-1")
        .with_access_key_id(KEY)
        .with_secret_access_key(SECRET)
        .build()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let r = store
            .get(&object_store::path::Path::from(key))
            .await
            .unwrap();
        let attrs = r.attributes.clone();
        (attrs, r.bytes().await.unwrap().to_vec())
    })
}

#[test]
fn uploads_carry_content_type_cache_control_and_content_encoding() {
    let Some(s3) = S3::start() else { return };
    let mut t = site(&s3.endpoint(), "content_encoding = \"br\"\n");
    t.build().success();
    deploy(&mut t, &[]);
    t.success();
    use object_store::Attribute as A;
    let (h, body) = headers(&s3, "site/index.html");
    assert_eq!(
        h.get(&A::ContentType).map(|v| v.as_ref()),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        h.get(&A::CacheControl).map(|v| v.as_ref()),
        Some("public, max-age=300")
    );
    assert_eq!(h.get(&A::ContentEncoding).map(|v| v.as_ref()), Some("br"));
    let mut page = Vec::new();
    brotli::BrotliDecompress(&mut &body[..], &mut page).unwrap();
    assert_eq!(page, std::fs::read(t.out().join("index.html")).unwrap());
    let css = t.stylesheet();
    let (h, _) = headers(&s3, &format!("site/{css}"));
    assert_eq!(
        h.get(&A::CacheControl).map(|v| v.as_ref()),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        h.get(&A::ContentType).map(|v| v.as_ref()),
        Some("text/css; charset=utf-8")
    );
}

#[test]
fn a_folder_target_goes_through_the_same_code() {
    let mut t = SiteTest::fixture("basic");
    let mirror = t.tmp().join("mirror");
    let config = t.read("config.toml");
    t.file(
        "config.toml",
        &format!(
            "{config}\n[[deploy]]\nname = \"usb\"\nurl = \"file://{}\"\n",
            mirror.display()
        ),
    );
    t.build().success();
    deploy(&mut t, &["usb"]);
    t.success().stdout_contains("Deployed to usb: uploaded ");
    assert_eq!(tree(&mirror), published(&t));
    deploy(&mut t, &["usb"]);
    t.success().stdout_contains("uploaded 0 (0 B), deleted 0");
    t.remove("content/2022/kyiv-blackouts.md");
    t.build().success();
    deploy(&mut t, &["usb"]);
    t.success();
    assert_eq!(tree(&mirror), published(&t));
}

#[test]
fn credentials_in_config_toml_are_refused_and_edits_after_the_build_are_warned() {
    let mut t = SiteTest::fixture("basic");
    let config = t.read("config.toml");
    t.file(
        "config.toml",
        &format!("{config}\n[[deploy]]\nurl = \"s3://news\"\nsecret_access_key = \"abc\"\n"),
    );
    deploy(&mut t, &[]);
    t.failure()
        .stderr_contains("config.toml")
        .stderr_contains("`secret_access_key` is not allowed");

    let mirror = t.tmp().join("mirror");
    t.file(
        "config.toml",
        &format!("{config}\n[[deploy]]\nurl = \"{}\"\n", mirror.display()),
    );
    t.build().success();
    std::thread::sleep(Duration::from_millis(20));
    let edited = t
        .read("content/2022/kyiv-blackouts.md")
        .replace("+++\n\n", "+++\n\nEdited. ");
    t.file("content/2022/kyiv-blackouts.md", &edited);
    deploy(&mut t, &["--dry-run"]);
    t.success()
        .stderr_contains("warning: content/2022/kyiv-blackouts.md changed after the build");
    assert!(!mirror.exists(), "a dry run made the folder");
}
