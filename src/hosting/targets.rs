//! `[[deploy]]` tables in `config.toml`: where `dateline deploy` publishes. Credentials never
//! live here (they come from the environment or the AWS config files), so a key that looks
//! like one is an error rather than a secret committed to a repository.

use std::path::PathBuf;

use serde::Deserialize;

use super::Encoding;

/// A `[[deploy]]` table as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    name: Option<String>,
    url: String,
    endpoint: Option<String>,
    region: Option<String>,
    #[serde(default)]
    path_style: bool,
    content_encoding: Option<String>,
    // Credentials: accepted by the parser only to be refused with a clear message.
    access_key_id: Option<toml::Value>,
    secret_access_key: Option<toml::Value>,
    aws_access_key_id: Option<toml::Value>,
    aws_secret_access_key: Option<toml::Value>,
    session_token: Option<toml::Value>,
    token: Option<toml::Value>,
    password: Option<toml::Value>,
    secret: Option<toml::Value>,
}

/// Where a target's files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An S3 bucket (or any S3-compatible store), and a key prefix (`""` or `"site/"`).
    S3 {
        /// Bucket name.
        bucket: String,
        /// Key prefix, empty or ending in `/`.
        prefix: String,
    },
    /// A folder (a mounted mirror), absolute or relative to the site root.
    Folder(PathBuf),
}

/// A resolved deploy target.
#[derive(Debug, Clone)]
pub struct Target {
    /// The name `dateline deploy NAME` picks it by.
    pub name: String,
    /// Where files go.
    pub location: Location,
    /// The S3 endpoint URL (R2, B2, Spaces, MinIO…); `None` means AWS.
    pub endpoint: Option<String>,
    /// The region (default from the environment, else `us-east-1`; `auto` for R2).
    pub region: Option<String>,
    /// Path-style requests (`endpoint/bucket/key`), as MinIO and some stores need.
    pub path_style: bool,
    /// Upload text files compressed with this encoding (and `Content-Encoding`), for hosts
    /// that serve one stored body per object.
    pub content_encoding: Option<Encoding>,
}

/// Whether a string looks like an access key id or secret (`AKIA…`, 40 base64 characters).
fn looks_secret(s: &str) -> bool {
    let id = (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && s.len() == 20
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let secret = s.len() >= 40
        && !s.contains("://")
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+' || b == b'=');
    id || secret
}

const NO_SECRETS: &str = "credentials never go in config.toml (it is usually committed); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment (a CI secret), or use ~/.aws/credentials";

impl Target {
    /// Resolves one `[[deploy]]` table (`index` counts from 1, for messages).
    pub fn resolve(raw: RawTarget, index: usize) -> Result<Target, String> {
        let RawTarget {
            name,
            url,
            endpoint,
            region,
            path_style,
            content_encoding,
            access_key_id,
            secret_access_key,
            aws_access_key_id,
            aws_secret_access_key,
            session_token,
            token,
            password,
            secret,
        } = raw;
        let which = name.clone().map_or_else(
            || format!("[[deploy]] number {index}"),
            |n| format!("[[deploy]] `{n}`"),
        );
        let secrets = [
            ("access_key_id", access_key_id),
            ("secret_access_key", secret_access_key),
            ("aws_access_key_id", aws_access_key_id),
            ("aws_secret_access_key", aws_secret_access_key),
            ("session_token", session_token),
            ("token", token),
            ("password", password),
            ("secret", secret),
        ];
        if let Some((key, _)) = secrets.iter().find(|(_, v)| v.is_some()) {
            return Err(format!("{which}: `{key}` is not allowed: {NO_SECRETS}"));
        }
        for (key, value) in [("url", Some(&url)), ("endpoint", endpoint.as_ref())] {
            let Some(v) = value else { continue };
            let userinfo = url::Url::parse(v)
                .is_ok_and(|u| !u.username().is_empty() || u.password().is_some());
            if userinfo || v.split(['/', ':', '@', '?', '=', '&']).any(looks_secret) {
                return Err(format!(
                    "{which}: `{key}` seems to hold a credential: {NO_SECRETS}"
                ));
            }
        }
        let location = parse_location(&url).map_err(|e| format!("{which}: {e}"))?;
        if let Some(e) = &endpoint {
            check_endpoint(e).map_err(|m| format!("{which}: endpoint `{e}` {m}"))?;
        }
        let content_encoding = match content_encoding.as_deref() {
            None => None,
            Some(s) => Some(Encoding::parse(s).ok_or_else(|| {
                format!("{which}: content_encoding `{s}` must be \"br\" or \"gzip\"")
            })?),
        };
        let name = name.unwrap_or_else(|| match &location {
            Location::S3 { bucket, .. } => bucket.clone(),
            Location::Folder(p) => p.display().to_string(),
        });
        Ok(Target {
            name,
            location,
            endpoint,
            region,
            path_style,
            content_encoding,
        })
    }
}

/// `s3://bucket/prefix`, `file:///path`, or a plain folder path.
fn parse_location(url: &str) -> Result<Location, String> {
    if let Some(rest) = url.strip_prefix("s3://") {
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.".contains(c);
        if bucket.len() < 3 || !bucket.chars().all(valid) {
            return Err(format!(
                "url `{url}`: `{bucket}` is not a bucket name (3–63 lower-case letters, digits, `-` and `.`)"
            ));
        }
        let prefix = prefix.trim_matches('/');
        if prefix.split('/').any(|s| s == ".." || s == ".") {
            return Err(format!("url `{url}`: the prefix must not hold `.` or `..`"));
        }
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix}/")
        };
        return Ok(Location::S3 {
            bucket: bucket.to_string(),
            prefix,
        });
    }
    if let Some(path) = url.strip_prefix("file://") {
        return Ok(Location::Folder(PathBuf::from(path)));
    }
    if url.contains("://") {
        return Err(format!(
            "url `{url}`: use s3://bucket/prefix (any S3-compatible store, with `endpoint`), file:///path or a folder path"
        ));
    }
    Ok(Location::Folder(PathBuf::from(url)))
}

/// An endpoint must be https, or plain http on this machine (a test server).
fn check_endpoint(e: &str) -> Result<(), String> {
    let u = url::Url::parse(e).map_err(|err| format!("is not a URL ({err})"))?;
    match u.scheme() {
        "https" => Ok(()),
        "http" => {
            let loopback = match u.host() {
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                Some(url::Host::Domain(d)) => d == "localhost",
                None => false,
            };
            if loopback {
                Ok(())
            } else {
                Err("uses plain http, which is allowed only on this machine (127.0.0.1, localhost); use https".into())
            }
        }
        _ => Err("must be an https:// URL".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawTarget {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn s3_urls_folders_and_endpoints() {
        let t = Target::resolve(
            raw("url = \"s3://news-site/mirror/\"\nendpoint = \"https://x.r2.cloudflarestorage.com\""),
            1,
        )
        .unwrap();
        assert_eq!(
            t.location,
            Location::S3 {
                bucket: "news-site".into(),
                prefix: "mirror/".into()
            }
        );
        assert_eq!(t.name, "news-site");
        let t = Target::resolve(raw("name = \"usb\"\nurl = \"file:///mnt/usb/site\""), 1).unwrap();
        assert_eq!(t.location, Location::Folder("/mnt/usb/site".into()));
        assert!(
            Target::resolve(
                raw("url = \"s3://news1\"\nendpoint = \"http://127.0.0.1:9000\""),
                1
            )
            .is_ok()
        );
        let e = Target::resolve(
            raw("url = \"s3://news1\"\nendpoint = \"http://minio.example.org\""),
            1,
        )
        .unwrap_err();
        assert!(e.contains("plain http"), "{e}");
        assert!(Target::resolve(raw("url = \"s3://B_1\""), 1).is_err());
        assert!(Target::resolve(raw("url = \"gs://b1\""), 1).is_err());
    }

    #[test]
    fn credentials_in_config_are_errors() {
        let e = Target::resolve(
            raw("name = \"main\"\nurl = \"s3://news1\"\nsecret_access_key = \"x\""),
            1,
        )
        .unwrap_err();
        assert!(
            e.contains("[[deploy]] `main`: `secret_access_key` is not allowed"),
            "{e}"
        );
        assert!(e.contains("AWS_SECRET_ACCESS_KEY"), "{e}");
        let e = Target::resolve(
            raw(
                "url = \"s3://news1\"\nendpoint = \"https://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI@host\"",
            ),
            1,
        )
        .unwrap_err();
        assert!(e.contains("seems to hold a credential"), "{e}");
        let e = Target::resolve(
            raw("url = \"s3://news1/wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEYxxxx\""),
            1,
        )
        .unwrap_err();
        assert!(e.contains("seems to hold a credential"), "{e}");
    }
}
