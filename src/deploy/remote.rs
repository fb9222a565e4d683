//! The remote side of a deploy: an `object_store` client for the target (S3 and
//! S3-compatible stores, or a folder), its listing, uploads and deletes.
//!
//! Credentials come from the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//! `AWS_SESSION_TOKEN`; web identity and container credentials as `object_store` reads them)
//! or from the shared credentials file (`~/.aws/credentials`, profile `AWS_PROFILE` or
//! `default`), never from `config.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use object_store::{ObjectStore, ObjectStoreExt as _};

use crate::hosting::targets::{Location, Target};

/// What the target holds under its prefix: key → (size, ETag without quotes).
pub(super) type Listing = BTreeMap<String, (u64, Option<String>)>;

/// A connected target.
pub(super) struct Remote {
    store: Arc<dyn ObjectStore>,
    /// Key prefix inside the store (`""` or ending in `/`).
    prefix: String,
    /// The folder of a folder target (ETags there are not MD5s: bytes are compared).
    folder: Option<PathBuf>,
}

/// An error talking to the target, as one line.
/// An ETag as compared with a file's MD5: without quotes, lower case.
fn etag(t: &str) -> String {
    t.trim_matches('"').to_ascii_lowercase()
}

pub(super) fn describe(e: &object_store::Error) -> String {
    use std::error::Error as _;
    let mut msg = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        cause = c.source();
    }
    msg
}

impl Remote {
    /// Connects to `target` (a folder target is created if missing, unless `dry_run`).
    pub(super) fn open(target: &Target, root: &Path, dry_run: bool) -> Result<Remote, String> {
        match &target.location {
            Location::Folder(dir) => {
                let dir = root.join(dir);
                if !dir.exists() && !dry_run {
                    std::fs::create_dir_all(&dir)
                        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                }
                let store: Arc<dyn ObjectStore> = if dir.exists() {
                    Arc::new(
                        object_store::local::LocalFileSystem::new_with_prefix(&dir)
                            .map_err(|e| describe(&e))?
                            .with_automatic_cleanup(true),
                    )
                } else {
                    Arc::new(object_store::memory::InMemory::new())
                };
                Ok(Remote {
                    store,
                    prefix: String::new(),
                    folder: Some(dir),
                })
            }
            Location::S3 { bucket, prefix } => Ok(Remote {
                store: Arc::new(s3(target, bucket)?),
                prefix: prefix.clone(),
                folder: None,
            }),
        }
    }

    fn path(&self, key: &str) -> object_store::path::Path {
        object_store::path::Path::from(format!("{}{key}", self.prefix))
    }

    /// Every object under the prefix.
    pub(super) async fn list(&self) -> Result<Listing, String> {
        use futures_util::TryStreamExt as _;
        let prefix = self.prefix.trim_end_matches('/');
        let prefix = (!prefix.is_empty()).then(|| object_store::path::Path::from(prefix));
        let metas: Vec<object_store::ObjectMeta> = self
            .store
            .list(prefix.as_ref())
            .try_collect()
            .await
            .map_err(|e| describe(&e))?;
        let mut listing: Listing = metas
            .into_iter()
            .filter_map(|m| {
                let key = m.location.as_ref().strip_prefix(&self.prefix)?.to_string();
                Some((key, (m.size, m.e_tag.as_deref().map(etag))))
            })
            .collect();
        if self.folder.is_none() {
            self.fill_etags(&mut listing).await?;
        }
        Ok(listing)
    }

    /// Some S3-compatible servers (s3s-fs among them) list objects without their ETag; those
    /// are asked one by one (HEAD), 16 at a time, so an unchanged file is still not uploaded.
    async fn fill_etags(&self, listing: &mut Listing) -> Result<(), String> {
        use futures_util::{StreamExt as _, TryStreamExt as _};
        let missing: Vec<String> = (listing.iter())
            .filter(|(_, (_, e))| e.is_none())
            .map(|(k, _)| k.clone())
            .collect();
        let found: Vec<(String, Option<String>)> = futures_util::stream::iter(missing)
            .map(|key| async move {
                let meta = (self.store.head(&self.path(&key)).await).map_err(|e| describe(&e))?;
                Ok::<_, String>((key, meta.e_tag.as_deref().map(etag)))
            })
            .buffer_unordered(16)
            .try_collect()
            .await?;
        for (key, e) in found {
            if let Some(entry) = listing.get_mut(&key) {
                entry.1 = e;
            }
        }
        Ok(())
    }

    /// Whether the remote object `key` (listed with `size` and `etag`) holds the body whose
    /// MD5 is `md5`.
    pub(super) fn same(
        &self,
        key: &str,
        remote: &(u64, Option<String>),
        len: u64,
        md5: &str,
    ) -> bool {
        if remote.0 != len {
            return false;
        }
        match &self.folder {
            Some(dir) => {
                std::fs::read(dir.join(key)).is_ok_and(|b| super::local::md5_hex(&b) == md5)
            }
            None => remote.1.as_deref() == Some(md5),
        }
    }

    /// Stores `body` at `key` with its headers (a folder keeps only the bytes).
    pub(super) async fn put(
        &self,
        key: &str,
        body: Vec<u8>,
        headers: &super::Headers<'_>,
    ) -> Result<(), String> {
        use object_store::{Attribute, Attributes, PutOptions};
        let mut attributes = Attributes::new();
        if self.folder.is_none() {
            attributes.insert(
                Attribute::ContentType,
                headers.content_type.to_string().into(),
            );
            attributes.insert(
                Attribute::CacheControl,
                headers.cache_control.to_string().into(),
            );
            if let Some(enc) = headers.encoding {
                attributes.insert(Attribute::ContentEncoding, enc.header().into());
            }
        }
        let opts = PutOptions {
            attributes,
            ..Default::default()
        };
        self.store
            .put_opts(&self.path(key), body.into(), opts)
            .await
            .map(|_| ())
            .map_err(|e| describe(&e))
    }

    /// Deletes `key`.
    pub(super) async fn delete(&self, key: &str) -> Result<(), String> {
        self.store
            .delete(&self.path(key))
            .await
            .map_err(|e| describe(&e))
    }
}

/// The S3 client: endpoint, region and addressing from the target; credentials from the
/// environment or the shared credentials file; retries with backoff.
fn s3(target: &Target, bucket: &str) -> Result<object_store::aws::AmazonS3, String> {
    use object_store::aws::AmazonS3Builder;
    // TLS: rustls with the `ring` provider (see Cargo.toml). Installing it twice is harmless:
    // the second call finds it set and changes nothing. rustls deprecates `ring` for lacking
    // post-quantum key exchange; a deploy carries what is about to be public anyway, and the
    // secret key never crosses the wire (requests are signed), so that protects little here,
    // while aws-lc-rs costs a third of a cold build.
    #[allow(deprecated)]
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut b = AmazonS3Builder::from_env().with_bucket_name(bucket);
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let has_env_keys = env("AWS_ACCESS_KEY_ID").is_some() && env("AWS_SECRET_ACCESS_KEY").is_some();
    let has_other = env("AWS_WEB_IDENTITY_TOKEN_FILE").is_some()
        || env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").is_some()
        || env("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some();
    if !has_env_keys && !has_other {
        let (id, secret, token) = credentials_file().ok_or_else(|| {
            "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or add a profile to ~/.aws/credentials (never to config.toml)".to_string()
        })?;
        b = b.with_access_key_id(id).with_secret_access_key(secret);
        if let Some(t) = token {
            b = b.with_token(t);
        }
    }
    if let Some(region) = target
        .region
        .clone()
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
    {
        b = b.with_region(region);
    }
    if let Some(e) = &target.endpoint {
        b = b.with_endpoint(e);
    }
    b = b.with_virtual_hosted_style_request(!target.path_style && target.endpoint.is_none());
    let retry = object_store::RetryConfig {
        max_retries: 3,
        retry_timeout: Duration::from_secs(30),
        backoff: object_store::BackoffConfig {
            init_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            base: 2.0,
        },
    };
    // Plain http only for a loopback endpoint (checked in `hosting::targets`). Set here: the
    // client options replace any set on the builder before.
    let http = (target.endpoint.as_ref()).is_some_and(|e| e.starts_with("http://"));
    let client = object_store::ClientOptions::new()
        .with_allow_http(http)
        .with_connect_timeout(Duration::from_secs(10))
        .with_timeout(Duration::from_secs(120));
    b.with_retry(retry)
        .with_client_options(client)
        .build()
        .map_err(|e| describe(&e))
}

/// The access key, secret and session token of the profile `AWS_PROFILE` (or `default`) in
/// `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
fn credentials_file() -> Option<(String, String, Option<String>)> {
    let path = std::env::var_os("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| {
            let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
            Some(PathBuf::from(home).join(".aws").join("credentials"))
        })?;
    let text = std::fs::read_to_string(path).ok()?;
    let profile = std::env::var("AWS_PROFILE").unwrap_or_else(|_| "default".into());
    let keys = profile_keys(&text, &profile);
    let get = |k: &str| keys.get(k).cloned();
    Some((
        get("aws_access_key_id")?,
        get("aws_secret_access_key")?,
        get("aws_session_token"),
    ))
}

/// The `key = value` lines of one `[profile]` section of an INI file.
fn profile_keys(text: &str, profile: &str) -> BTreeMap<String, String> {
    let mut inside = false;
    let mut keys = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = section.trim() == profile;
        } else if inside && let Some((k, v)) = line.split_once('=') {
            keys.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_one_profile_of_a_credentials_file() {
        let text = "[default]\naws_access_key_id = A1\naws_secret_access_key=S1\n\n# note\n[news]\naws_access_key_id = A2\naws_secret_access_key = S2\naws_session_token = T2\n";
        let k = super::profile_keys(text, "news");
        assert_eq!(k["aws_access_key_id"], "A2");
        assert_eq!(k["aws_session_token"], "T2");
        let k = super::profile_keys(text, "default");
        assert_eq!(k["aws_secret_access_key"], "S1");
        assert!(!k.contains_key("aws_session_token"));
    }
}
