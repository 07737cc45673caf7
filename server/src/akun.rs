//! Accounts on a LAN: argon2 passwords, logging in and out (sessions stored by the SHA-256 of
//! their token), a rate limit on failed logins, creating and changing accounts with their
//! checks. No HTTP here: the cookies and the gate every request passes are
//! `crate::http::gate`'s.
//!
//! On a single PC (the default, 127.0.0.1) there are no accounts: every request acts as
//! [`Pelaku::lokal`].

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use app::akses::{Pelaku, Peran};
use app::ssr::{AppContext, StoreError};
use app::types::{Akun, AkunBaru, UbahAkun};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::{OsRng, RngCore};

use crate::operations::sha256_hex;

/// Failed logins allowed per address and login name within [`WINDOW`].
pub const MAX_FAILURES: usize = 5;
/// Failed logins allowed per address over all names within [`WINDOW`].
pub const MAX_FAILURES_PER_ADDRESS: usize = 30;
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 8;

/// Why an account operation was refused, in Indonesian.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("Nama pengguna atau kata sandi salah.")]
    WrongCredentials,
    #[error("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {0} menit.")]
    RateLimited(u64),
    #[error("{0}")]
    Invalid(String),
    #[error("Akun '{0}' tidak ditemukan.")]
    NoSuchAccount(String),
    #[error("Kata sandi tidak dapat diolah: {0}")]
    Hash(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Failed logins per (address, login name), forgotten after [`WINDOW`].
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<(IpAddr, String), VecDeque<Instant>>>,
}

impl LoginLimiter {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(IpAddr, String), VecDeque<Instant>>> {
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `Err(minutes)` while this address and name are blocked, or this address is (after
    /// [`MAX_FAILURES_PER_ADDRESS`] failures over any names: guessing names does not help).
    pub fn check(&self, ip: IpAddr, login: &str) -> Result<(), u64> {
        let mut map = self.lock();
        let now = Instant::now();
        for (key, max) in [
            ((ip, login.to_string()), MAX_FAILURES),
            ((ip, String::new()), MAX_FAILURES_PER_ADDRESS),
        ] {
            let Some(times) = map.get_mut(&key) else {
                continue;
            };
            while times
                .front()
                .is_some_and(|t| now.duration_since(*t) > WINDOW)
            {
                times.pop_front();
            }
            if times.len() >= max {
                let oldest = times.front().copied().unwrap_or(now);
                let wait = WINDOW.saturating_sub(now.duration_since(oldest));
                return Err(wait.as_secs().div_ceil(60).max(1));
            }
        }
        Ok(())
    }

    pub fn failed(&self, ip: IpAddr, login: &str) {
        let mut map = self.lock();
        if map.len() > 10_000 {
            map.clear();
        }
        let now = Instant::now();
        for key in [(ip, login.to_string()), (ip, String::new())] {
            map.entry(key).or_default().push_back(now);
        }
    }

    pub fn succeeded(&self, ip: IpAddr, login: &str) {
        self.lock().remove(&(ip, login.to_string()));
    }
}

/// What the gate and the login routes share.
pub struct Auth {
    pub limiter: LoginLimiter,
    /// Set once an account exists (it never goes back).
    has_accounts: AtomicBool,
}

impl Auth {
    pub fn new() -> Auth {
        Auth {
            limiter: LoginLimiter::default(),
            has_accounts: AtomicBool::new(false),
        }
    }

    /// Whether any account exists (cached once true).
    pub async fn has_accounts(&self, app: &AppContext) -> Result<bool, StoreError> {
        if self.has_accounts.load(Ordering::Relaxed) {
            return Ok(true);
        }
        let any = app.store.count_accounts().await? > 0;
        if any {
            self.has_accounts.store(true, Ordering::Relaxed);
        }
        Ok(any)
    }
}

impl Default for Auth {
    fn default() -> Self {
        Auth::new()
    }
}

/// Hashes a password with argon2id (random salt), off the async workers.
pub async fn hash_password(password: String) -> Result<String, AuthError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AuthError::Hash(e.to_string()))
    })
    .await
    .map_err(|e| AuthError::Hash(e.to_string()))?
}

async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// A login name: 3–32 of a–z, 0–9, `.`, `_`, `-` (lower-cased).
pub fn login_name(text: &str) -> Result<String, AuthError> {
    let login = text.trim().to_lowercase();
    let ok = (3..=32).contains(&login.chars().count())
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(login)
    } else {
        Err(AuthError::Invalid(
            "Nama pengguna 3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung (mis. sari.mutasi).".into(),
        ))
    }
}

fn password(text: &str) -> Result<String, AuthError> {
    if text.chars().count() < MIN_PASSWORD {
        return Err(AuthError::Invalid(format!(
            "Kata sandi paling sedikit {MIN_PASSWORD} karakter."
        )));
    }
    if text.chars().count() > 200 {
        return Err(AuthError::Invalid("Kata sandi terlalu panjang.".into()));
    }
    Ok(text.to_string())
}

fn full_name(text: &str) -> Result<String, AuthError> {
    let nama = text.trim();
    if nama.is_empty() || nama.chars().count() > 100 {
        return Err(AuthError::Invalid(
            "Isi nama lengkap (paling banyak 100 huruf): nama ini tercatat di riwayat.".into(),
        ));
    }
    Ok(nama.to_string())
}

/// An operator needs a bidang; other roles have none.
fn bidang_for(peran: Peran, bidang: Option<&str>) -> Result<Option<String>, AuthError> {
    let bidang = bidang.map(str::trim).filter(|b| !b.is_empty());
    match (peran, bidang) {
        (Peran::Operator, None) => Err(AuthError::Invalid(
            "Operator bidang perlu nama bidangnya (mis. Bidang Mutasi).".into(),
        )),
        (Peran::Operator, Some(b)) if b.chars().count() > 100 => Err(AuthError::Invalid(
            "Nama bidang terlalu panjang (paling banyak 100 huruf).".into(),
        )),
        (Peran::Operator, Some(b)) => Ok(Some(b.to_string())),
        _ => Ok(None),
    }
}

/// The fields of a new account as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub peran: String,
    #[serde(default)]
    pub bidang: Option<String>,
    #[serde(default)]
    pub kata_sandi: String,
}

fn role(text: &str) -> Result<Peran, AuthError> {
    Peran::from_key(text).ok_or_else(|| {
        AuthError::Invalid(format!(
            "Peran '{text}' tidak dikenal: pilih admin, perencana, operator, kepala atau pemeriksa."
        ))
    })
}

/// Creates an account (`only_first`: the first admin, only while there is no account).
pub async fn create_account(
    app: &AppContext,
    form: &AccountForm,
    only_first: bool,
) -> Result<Akun, AuthError> {
    let login = login_name(&form.login)?;
    let nama = full_name(&form.nama)?;
    let peran = if only_first {
        Peran::Admin
    } else {
        role(&form.peran)?
    };
    let bidang = bidang_for(peran, form.bidang.as_deref())?;
    let hash = hash_password(password(&form.kata_sandi)?).await?;
    Ok(app
        .store
        .create_account(
            AkunBaru {
                login,
                nama,
                peran,
                bidang,
                hash,
            },
            only_first,
        )
        .await?)
}

/// Changes an account as typed: empty fields stay as they are.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AccountChange {
    pub nama: Option<String>,
    pub peran: Option<String>,
    pub bidang: Option<String>,
    pub aktif: Option<bool>,
    pub kata_sandi: Option<String>,
}

pub async fn update_account(
    app: &AppContext,
    actor: &Pelaku,
    login: &str,
    change: &AccountChange,
) -> Result<Akun, AuthError> {
    let Some((now, _)) = app.store.get_account(login).await? else {
        return Err(AuthError::NoSuchAccount(login.to_string()));
    };
    let given = |o: &Option<String>| {
        o.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let peran = given(&change.peran).map(|p| role(&p)).transpose()?;
    let new_role = peran.unwrap_or(now.peran);
    let bidang = if peran.is_some() || change.bidang.is_some() {
        let typed = change.bidang.as_deref().or(now.bidang.as_deref());
        Some(bidang_for(new_role, typed)?)
    } else {
        None
    };
    if actor.login.as_deref() == Some(login)
        && (change.aktif == Some(false) || peran.is_some_and(|p| p != Peran::Admin))
    {
        return Err(AuthError::Invalid(
            "Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.".into(),
        ));
    }
    let hash = match given(&change.kata_sandi) {
        Some(p) => Some(hash_password(password(&p)?).await?),
        None => None,
    };
    let ubah = UbahAkun {
        nama: given(&change.nama).map(|n| full_name(&n)).transpose()?,
        peran,
        bidang,
        aktif: change.aktif,
        hash,
    };
    app.store
        .update_account(login, ubah)
        .await?
        .ok_or_else(|| AuthError::NoSuchAccount(login.to_string()))
}

/// Checks a login and opens a session: the cookie's token (only its SHA-256 is stored).
pub async fn login(
    app: &AppContext,
    auth: &Auth,
    ip: IpAddr,
    login: &str,
    password: &str,
) -> Result<(Akun, String), AuthError> {
    let login = login.trim().to_lowercase();
    auth.limiter.check(ip, &login).map_err(|minutes| {
        tracing::warn!(
            "Masuk sebagai '{login}' dari {ip} ditahan {minutes} menit (terlalu banyak kegagalan)."
        );
        AuthError::RateLimited(minutes)
    })?;
    let account = app.store.get_account(&login).await?;
    let matches = match &account {
        Some((_, hash)) => verify_password(password.to_string(), hash.clone()).await,
        None => {
            // As slow as a wrong password, so a wrong name does not show by its speed.
            let _ = hash_password(password.to_string()).await;
            false
        }
    };
    let Some((akun, _)) = account.filter(|(a, _)| matches && a.aktif) else {
        auth.limiter.failed(ip, &login);
        tracing::warn!("Gagal masuk sebagai '{login}' dari {ip}.");
        return Err(AuthError::WrongCredentials);
    };
    auth.limiter.succeeded(ip, &login);
    tracing::info!("{} ({}) masuk dari {ip}.", akun.login, akun.peran.label());
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    app.store
        .create_session(&sha256_hex(token.as_bytes()), &akun.login)
        .await?;
    Ok((akun, token))
}

/// Ends the session of a request's cookie, if any.
pub async fn logout(app: &AppContext, token: Option<&str>) -> Result<(), StoreError> {
    if let Some(token) = token {
        app.store
            .delete_session(&sha256_hex(token.as_bytes()))
            .await?;
    }
    Ok(())
}

/// The person of a session.
pub fn pelaku_of(akun: &Akun) -> Pelaku {
    Pelaku {
        login: Some(akun.login.clone()),
        nama: akun.nama.clone(),
        peran: Some(akun.peran),
        bidang: akun.bidang.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_blocked_after_repeated_failures_per_address_and_name() {
        let limiter = LoginLimiter::default();
        let ip = IpAddr::from([10, 0, 0, 7]);
        for _ in 0..MAX_FAILURES {
            assert!(limiter.check(ip, "sari").is_ok());
            limiter.failed(ip, "sari");
        }
        assert_eq!(limiter.check(ip, "sari"), Err(15));
        // Another name or another address is not blocked.
        assert!(limiter.check(ip, "budi").is_ok());
        assert!(limiter.check(IpAddr::from([10, 0, 0, 8]), "sari").is_ok());
        // Many names from one address are.
        let other = IpAddr::from([10, 0, 0, 9]);
        for n in 0..MAX_FAILURES_PER_ADDRESS {
            assert!(limiter.check(other, &format!("nama{n}")).is_ok());
            limiter.failed(other, &format!("nama{n}"));
        }
        assert!(limiter.check(other, "nama-baru").is_err());
    }

    #[test]
    fn login_names_are_checked() {
        assert_eq!(
            login_name(" Sari.Mutasi ").ok().as_deref(),
            Some("sari.mutasi")
        );
        assert!(login_name("ab").is_err());
        assert!(login_name("sari mutasi").is_err());
        assert!(login_name("sári").is_err());
    }
}
