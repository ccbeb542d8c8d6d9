//! The team server a user configured: checked before anything is sent to it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Where the team's database is and who signed in last (never the password).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamConfig {
    /// `https://couch.example.com` (no trailing slash).
    pub server: String,
    pub database: String,
    pub user: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("Enter the server address, such as https://couch.example.com")]
    NoServer,
    #[error("The server address must start with https:// (or http:// on this computer), such as https://couch.example.com")]
    NotHttp,
    #[error("The server address must not hold a name or password; sign in below instead")]
    CredentialsInAddress,
    #[error("Enter the database name")]
    NoDatabase,
    #[error("A CouchDB database name starts with a lowercase letter and holds only lowercase letters, digits and _ $ ( ) + - /")]
    BadDatabase,
    #[error("Enter your user name")]
    NoUser,
}

impl TeamConfig {
    /// Checks what a user typed; trims it and drops a trailing slash.
    pub fn new(server: &str, database: &str, user: &str) -> Result<TeamConfig, ConfigError> {
        let server = server.trim().trim_end_matches('/');
        if server.is_empty() {
            return Err(ConfigError::NoServer);
        }
        let rest = server
            .strip_prefix("https://")
            .or_else(|| server.strip_prefix("http://"))
            .ok_or(ConfigError::NotHttp)?;
        if rest.is_empty() {
            return Err(ConfigError::NoServer);
        }
        if rest
            .split('/')
            .next()
            .is_some_and(|host| host.contains('@'))
        {
            return Err(ConfigError::CredentialsInAddress);
        }
        let database = database.trim();
        if database.is_empty() {
            return Err(ConfigError::NoDatabase);
        }
        let mut chars = database.chars();
        let starts_well = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_well =
            chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
        if !starts_well || !rest_well {
            return Err(ConfigError::BadDatabase);
        }
        let user = user.trim();
        if user.is_empty() {
            return Err(ConfigError::NoUser);
        }
        Ok(TeamConfig {
            server: server.into(),
            database: database.into(),
            user: user.into(),
        })
    }

    /// The database's address; `/` in a name is escaped as CouchDB requires.
    pub fn database_url(&self) -> String {
        format!("{}/{}", self.server, self.database.replace('/', "%2F"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_server_and_trims_it() {
        let c = TeamConfig::new(" http://127.0.0.1:5984/ ", "sales", " ana ").expect("valid");
        assert_eq!(c.server, "http://127.0.0.1:5984");
        assert_eq!(c.user, "ana");
        assert_eq!(c.database_url(), "http://127.0.0.1:5984/sales");
    }

    #[test]
    fn refuses_what_is_not_a_server_or_a_database() {
        assert_eq!(TeamConfig::new("", "s", "a"), Err(ConfigError::NoServer));
        assert_eq!(
            TeamConfig::new("couch.example.com", "s", "a"),
            Err(ConfigError::NotHttp)
        );
        assert_eq!(
            TeamConfig::new("javascript:alert(1)", "s", "a"),
            Err(ConfigError::NotHttp)
        );
        assert_eq!(
            TeamConfig::new("https://ana:pw@couch.example.com", "s", "a"),
            Err(ConfigError::CredentialsInAddress)
        );
        assert_eq!(
            TeamConfig::new("https://c", "Sales", "a"),
            Err(ConfigError::BadDatabase)
        );
        assert_eq!(
            TeamConfig::new("https://c", "", "a"),
            Err(ConfigError::NoDatabase)
        );
        assert_eq!(
            TeamConfig::new("https://c", "sales", " "),
            Err(ConfigError::NoUser)
        );
        assert_eq!(
            TeamConfig::new("https://c", "team/sales", "a").map(|c| c.database_url()),
            Ok("https://c/team%2Fsales".into())
        );
    }
}
