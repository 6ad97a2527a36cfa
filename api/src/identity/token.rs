//! Access tokens: HS256 JWTs, algorithm pinned, every registered claim required and checked.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// Who issues tokens (`iss`).
pub const ISSUER: &str = "inspection-api";
/// Who tokens are for (`aud`).
pub const AUDIENCE: &str = "inspection-clients";
/// How long a partner system's token lives.
pub const SERVICE_TTL: chrono::Duration = chrono::Duration::minutes(15);
/// Clock skew tolerated, in seconds.
pub const LEEWAY_SECONDS: u64 = 5;

/// The claims of a token. All are required; a claim of the wrong type fails to decode.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a decimal string.
    pub sub: String,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
    /// Issued at.
    pub iat: i64,
    /// Not valid before.
    pub nbf: i64,
    /// The user's session generation when the token was issued: a token of an earlier
    /// generation no longer works.
    pub generation: i64,
}

/// Signs and checks tokens.
pub struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: chrono::Duration,
}

impl Tokens {
    /// Tokens signed with `secret`, living `ttl`.
    pub fn new(secret: &str, ttl: std::time::Duration) -> Tokens {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECONDS;
        Tokens {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
            ttl: chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::hours(8)),
        }
    }

    /// A token for `user_id` in session generation `generation` (a service account's is
    /// short-lived), and when it expires.
    pub fn issue(
        &self,
        user_id: i32,
        service: bool,
        generation: i64,
    ) -> Result<(String, DateTime<Utc>), jsonwebtoken::errors::Error> {
        let now = Utc::now();
        // A partner system's token is short-lived: it logs in again with its credentials.
        let ttl = if service { self.ttl.min(SERVICE_TTL) } else { self.ttl };
        let expires = now + ttl;
        let claims = Claims {
            sub: user_id.to_string(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            exp: expires.timestamp(),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            generation,
        };
        Ok((jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?, expires))
    }

    /// The user id a valid token names and its session generation; `None` for any token that is
    /// not valid now.
    pub fn verify(&self, token: &str) -> Option<(i32, i64)> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        if data.claims.iat > Utc::now().timestamp() + LEEWAY_SECONDS as i64 {
            return None;
        }
        Some((data.claims.sub.parse().ok()?, data.claims.generation))
    }
}
