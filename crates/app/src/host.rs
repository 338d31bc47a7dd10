//! The host's own identity: its name (in page titles, e-mails and the front page) and the
//! language strangers see before they choose one. Set by the host administrator.

use crate::accounts::SignedIn;
use crate::{App, Error};
use std::sync::RwLock;
use std::time::{Duration, Instant};
use tsuzuri_core::Lang;

/// How long a node trusts its copy of the host profile; another node's change shows within it.
const PROFILE_TTL: Duration = Duration::from_secs(10);

/// What the host is called and which language it speaks by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostProfile {
    pub name: String,
    pub default_lang: Lang,
}

impl Default for HostProfile {
    fn default() -> Self {
        HostProfile {
            name: "tsuzuri".into(),
            default_lang: Lang::Ja,
        }
    }
}

/// The last profile read, and when: every admin request needs the default language, and the
/// database need not be asked each time.
#[derive(Default)]
pub(crate) struct ProfileCache(RwLock<Option<(HostProfile, Instant)>>);

impl App {
    /// The host's name and default language (the defaults until an administrator sets them;
    /// the defaults too while the database cannot be read, so error pages still have them).
    pub async fn host_profile(&self) -> HostProfile {
        if let Ok(guard) = self.host_profile.0.read()
            && let Some((profile, at)) = guard.as_ref()
            && at.elapsed() < PROFILE_TTL
        {
            return profile.clone();
        }
        let Ok(profile) = self.read_host_profile().await else {
            return HostProfile::default();
        };
        if let Ok(mut guard) = self.host_profile.0.write() {
            *guard = Some((profile.clone(), Instant::now()));
        }
        profile
    }

    async fn read_host_profile(&self) -> Result<HostProfile, Error> {
        let defaults = HostProfile::default();
        let name = self.store.host_setting("host_name").await?;
        let lang = self.store.host_setting("default_lang").await?;
        Ok(HostProfile {
            name: name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(defaults.name),
            default_lang: lang
                .and_then(|l| Lang::parse(&l).ok())
                .unwrap_or(defaults.default_lang),
        })
    }

    /// Renames the host and sets its default language (host administrators only).
    pub async fn set_host_profile(
        &self,
        who: &SignedIn,
        name: &str,
        default_lang: &str,
    ) -> Result<HostProfile, Error> {
        crate::sign_up::require_admin(who)?;
        let name = name.trim();
        let mut problems = Vec::new();
        if name.is_empty() || name.chars().count() > 100 {
            problems.push((
                "host_name".to_string(),
                crate::catalog_id("host-name-invalid"),
            ));
        }
        let lang = Lang::parse(default_lang);
        if lang.is_err() {
            problems.push((
                "default_lang".to_string(),
                crate::catalog_id("language-invalid"),
            ));
        }
        let (Ok(lang), true) = (lang, problems.is_empty()) else {
            return Err(Error::InvalidForm(problems));
        };
        self.store.set_host_setting("host_name", name).await?;
        self.store
            .set_host_setting("default_lang", lang.as_str())
            .await?;
        let profile = HostProfile {
            name: name.to_string(),
            default_lang: lang,
        };
        if let Ok(mut guard) = self.host_profile.0.write() {
            *guard = Some((profile.clone(), Instant::now()));
        }
        // The front page and host 404s carry the name.
        self.content_changed();
        Ok(profile)
    }
}

/// Everything the host's settings page shows.
#[derive(Debug, Clone)]
pub struct HostSettings {
    pub profile: HostProfile,
    pub sign_up: tsuzuri_core::SignUpPolicy,
    pub blocklist: crate::blocklist::Blocklist,
}

impl App {
    /// The host's settings, for its administrators only.
    pub async fn host_settings(
        &self,
        who: &crate::accounts::SignedIn,
    ) -> Result<HostSettings, Error> {
        crate::sign_up::require_admin(who)?;
        Ok(HostSettings {
            profile: self.host_profile().await,
            sign_up: self.sign_up_policy().await?,
            blocklist: self.blocklist().await?,
        })
    }
}
