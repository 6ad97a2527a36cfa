//! Argon2id password hashes.

use std::sync::OnceLock;

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};

use crate::error::{ServiceError, ServiceResult};

/// Hashes a password with Argon2id and a fresh salt.
pub fn hash(password: &str) -> ServiceResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::internal(e, "hashing a password"))
}

/// Whether `password` matches the stored hash. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Spends the time of one verification, so that an unknown user name answers as slowly as a
/// wrong password.
pub fn verify_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("no user has this password").unwrap_or_default());
    let _ = verify(password, dummy);
}

/// The rule for new passwords.
pub fn check_strength(password: &str) -> ServiceResult<()> {
    let n = password.chars().count();
    if !(10..=128).contains(&n) || password.trim().chars().count() < 10 {
        return Err(ServiceError::bad_input(
            "password",
            "must be between 10 and 128 characters, not counting spaces at the ends",
        ));
    }
    Ok(())
}
