//! `aes_encrypt`, `aes_decrypt`, `try_aes_decrypt` and `hmac`, with
//! Spark's layouts: GCM output is the 12-byte IV, the ciphertext and the
//! 16-byte tag; CBC output is the 16-byte IV and the PKCS#7-padded
//! ciphertext; ECB output is the padded ciphertext alone. Missing IVs are
//! random.

use std::sync::Arc;

use aes::{Aes128, Aes192, Aes256};
use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{AesGcm, KeyInit};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryArray, BinaryBuilder};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::Result as DFResult;
use hmac::{Hmac, Mac};

use super::kernel::{self, Kernel};
use super::spec::{cast_arg, Arg};
use super::{arity, call_name, Builder};
use crate::error::{to_df_error, ErrorKind, Result, SparkError};
use crate::expr::Literal;
use crate::plan::resolve::{Resolved, Resolver};

pub(super) const TABLE: &[(&str, Builder)] = &[
    ("aes_encrypt", aes_encrypt),
    ("aes_decrypt", aes_decrypt),
    ("try_aes_decrypt", try_aes_decrypt),
    ("hmac", hmac),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Crypto {
    Encrypt,
    /// Decrypt; `lenient`: NULL instead of an error.
    Decrypt {
        lenient: bool,
    },
    Hmac,
}

/// Fills the trailing defaults and casts: binaries except mode and padding.
fn prepare(
    r: &Resolver,
    name: &str,
    mut args: Vec<Resolved>,
    defaults: &[Literal],
    kinds: &[Arg],
) -> Result<(Vec<DFExpr>, String)> {
    let max = kinds.len();
    let min = max - defaults.len();
    let allowed: Vec<usize> = (min..=max).collect();
    arity(name, &args, &allowed)?;
    for d in &defaults[args.len() - min..] {
        args.push(r.literal(d)?);
    }
    let n = call_name(name, &args);
    let exprs = args
        .into_iter()
        .zip(kinds)
        .map(|(a, k)| cast_arg(r, a, *k))
        .collect::<Result<Vec<_>>>()?;
    Ok((exprs, n))
}

use datafusion::logical_expr::Expr as DFExpr;

const ENCRYPT_ARGS: &[Arg] = &[Arg::Bin, Arg::Bin, Arg::Str, Arg::Str, Arg::Bin, Arg::Bin];
const DECRYPT_ARGS: &[Arg] = &[Arg::Bin, Arg::Bin, Arg::Str, Arg::Str, Arg::Bin];

fn mode_defaults(with_iv: bool) -> Vec<Literal> {
    let mut d = vec![
        Literal::String("GCM".into()),
        Literal::String("DEFAULT".into()),
        Literal::String(String::new()),
    ];
    if with_iv {
        d.push(Literal::String(String::new()));
    }
    d
}

fn aes_encrypt(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (exprs, n) = prepare(r, &lname, args, &mode_defaults(true), ENCRYPT_ARGS)?;
    r.make(kernel::call(Crypto::Encrypt, DataType::Binary, exprs), n)
}

fn decrypt(r: &Resolver, name: &str, args: Vec<Resolved>, lenient: bool) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (exprs, n) = prepare(r, &lname, args, &mode_defaults(false), DECRYPT_ARGS)?;
    r.make(
        kernel::call(Crypto::Decrypt { lenient }, DataType::Binary, exprs),
        n,
    )
}

fn aes_decrypt(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    decrypt(r, name, args, false)
}

fn try_aes_decrypt(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    decrypt(r, name, args, true)
}

fn hmac(r: &Resolver, name: &str, args: Vec<Resolved>) -> Result<Resolved> {
    let lname = name.to_lowercase();
    let (exprs, n) = prepare(
        r,
        &lname,
        args,
        &[Literal::String("SHA-256".into())],
        &[Arg::Bin, Arg::Bin, Arg::Str],
    )?;
    r.make(kernel::call(Crypto::Hmac, DataType::Binary, exprs), n)
}

impl Kernel for Crypto {
    fn name(&self) -> &str {
        match self {
            Crypto::Encrypt => "spark_aes_encrypt",
            Crypto::Decrypt { lenient: false } => "spark_aes_decrypt",
            Crypto::Decrypt { lenient: true } => "spark_try_aes_decrypt",
            Crypto::Hmac => "spark_hmac",
        }
    }

    fn volatile(&self) -> bool {
        // A random IV per row.
        matches!(self, Crypto::Encrypt)
    }

    fn eval(&self, a: &[ArrayRef], rows: usize) -> DFResult<ArrayRef> {
        let mut bins: Vec<Option<BinaryArray>> = vec![];
        let mut strs = vec![];
        for x in a {
            if matches!(
                x.data_type(),
                DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8
            ) {
                strs.push(Some(cast(x, &DataType::Utf8)?.as_string::<i32>().clone()));
                bins.push(None);
            } else {
                bins.push(Some(cast(x, &DataType::Binary)?.as_binary::<i32>().clone()));
                strs.push(None);
            }
        }
        let bin = |k: usize, i: usize| -> Option<&[u8]> {
            let b = bins.get(k)?.as_ref()?;
            (!b.is_null(i)).then(|| b.value(i))
        };
        let text = |k: usize, i: usize| -> Option<&str> {
            let s = strs.get(k)?.as_ref()?;
            (!s.is_null(i)).then(|| s.value(i))
        };
        let mut out = BinaryBuilder::new();
        for i in 0..rows {
            let value = match self {
                Crypto::Hmac => match (bin(0, i), bin(1, i), text(2, i)) {
                    (Some(k), Some(m), Some(alg)) => Some(hmac_value(k, m, alg)),
                    _ => None,
                },
                Crypto::Encrypt => {
                    match (
                        bin(0, i),
                        bin(1, i),
                        text(2, i),
                        text(3, i),
                        bin(4, i),
                        bin(5, i),
                    ) {
                        (Some(x), Some(k), Some(m), Some(p), Some(iv), Some(aad)) => {
                            Some(encrypt(x, k, m, p, iv, aad))
                        }
                        _ => None,
                    }
                }
                Crypto::Decrypt { lenient } => {
                    match (bin(0, i), bin(1, i), text(2, i), text(3, i), bin(4, i)) {
                        (Some(x), Some(k), Some(m), Some(p), Some(aad)) => {
                            let v = decrypt_value(x, k, m, p, aad);
                            if *lenient {
                                v.ok().map(Ok)
                            } else {
                                Some(v)
                            }
                        }
                        _ => None,
                    }
                }
            };
            match value {
                None => out.append_null(),
                Some(v) => out.append_value(v.map_err(to_df_error)?),
            }
        }
        Ok(Arc::new(out.finish()))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Ecb,
    Cbc,
    Gcm,
}

/// The mode, checked against the padding (DEFAULT: PKCS for ECB and CBC,
/// NONE for GCM).
fn mode_of(mode: &str, padding: &str) -> Result<Mode> {
    let (m, p) = (mode.to_uppercase(), padding.to_uppercase());
    let found = match (m.as_str(), p.as_str()) {
        ("ECB", "PKCS" | "DEFAULT") => Some(Mode::Ecb),
        ("CBC", "PKCS" | "DEFAULT") => Some(Mode::Cbc),
        ("GCM", "NONE" | "DEFAULT") => Some(Mode::Gcm),
        _ => None,
    };
    found.ok_or_else(|| {
        SparkError::new(
            ErrorKind::SparkRuntime,
            "UNSUPPORTED_FEATURE.AES_MODE",
            "0A000",
            format!(
                "The feature is not supported: AES-{mode} with the padding {padding} by the `aes_encrypt`/`aes_decrypt` function."
            ),
            &[("mode", mode.to_string()), ("padding", padding.to_string())],
        )
    })
}

fn check_key(key: &[u8]) -> Result<()> {
    if matches!(key.len(), 16 | 24 | 32) {
        return Ok(());
    }
    Err(SparkError::new(
        ErrorKind::SparkRuntime,
        "INVALID_PARAMETER_VALUE.AES_KEY_LENGTH",
        "22023",
        format!(
            "The value of parameter(s) `key` in `aes_encrypt`/`aes_decrypt` is invalid: expects a binary value with 16, 24 or 32 bytes, but got {} bytes.",
            key.len()
        ),
        &[],
    ))
}

fn unsupported(sub: &str, what: &str, mode: &str) -> SparkError {
    SparkError::new(
        ErrorKind::SparkRuntime,
        &format!("UNSUPPORTED_FEATURE.{sub}"),
        "0A000",
        format!(
            "The feature is not supported: `aes_encrypt` with AES-{mode} does not support {what}."
        ),
        &[],
    )
}

fn crypto_error(detail: &str) -> SparkError {
    SparkError::new(
        ErrorKind::SparkRuntime,
        "INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR",
        "22023",
        format!(
            "The value of parameter(s) `expr`, `key` in `aes_encrypt`/`aes_decrypt` is invalid: detail message: {detail}"
        ),
        &[],
    )
}

fn random_iv(n: usize) -> Result<Vec<u8>> {
    let mut iv = vec![0u8; n];
    getrandom::fill(&mut iv).map_err(|e| SparkError::internal(format!("random IV: {e}")))?;
    Ok(iv)
}

/// Runs `$body` with `$C` bound to the AES variant of the key's length.
macro_rules! with_aes {
    ($key:expr, $C:ident, $body:expr) => {
        match $key.len() {
            16 => {
                type $C = Aes128;
                $body
            }
            24 => {
                type $C = Aes192;
                $body
            }
            _ => {
                type $C = Aes256;
                $body
            }
        }
    };
}

fn encrypt(
    input: &[u8],
    key: &[u8],
    mode: &str,
    padding: &str,
    iv: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>> {
    check_key(key)?;
    let m = mode_of(mode, padding)?;
    let up = mode.to_uppercase();
    if m == Mode::Ecb && !iv.is_empty() {
        return Err(unsupported(
            "AES_MODE_IV",
            "initialization vectors (IVs)",
            &up,
        ));
    }
    if m != Mode::Gcm && !aad.is_empty() {
        return Err(unsupported(
            "AES_MODE_AAD",
            "additional authenticate data (AAD)",
            &up,
        ));
    }
    let iv_len = match m {
        Mode::Gcm => 12,
        Mode::Cbc => 16,
        Mode::Ecb => 0,
    };
    if !iv.is_empty() && iv.len() != iv_len {
        return Err(SparkError::new(
            ErrorKind::SparkRuntime,
            "INVALID_PARAMETER_VALUE.AES_IV_LENGTH",
            "22023",
            format!(
                "The value of parameter(s) `iv` in `aes_encrypt`/`aes_decrypt` is invalid: supports 16-byte CBC IVs and 12-byte GCM IVs, but got {} bytes for {up}.",
                iv.len()
            ),
            &[],
        ));
    }
    let iv = if iv.is_empty() {
        random_iv(iv_len)?
    } else {
        iv.to_vec()
    };
    let body = match m {
        Mode::Ecb => with_aes!(key, C, {
            ecb::Encryptor::<C>::new_from_slice(key)
                .map_err(|e| crypto_error(&e.to_string()))?
                .encrypt_padded_vec::<Pkcs7>(input)
        }),
        Mode::Cbc => with_aes!(key, C, {
            cbc::Encryptor::<C>::new_from_slices(key, &iv)
                .map_err(|e| crypto_error(&e.to_string()))?
                .encrypt_padded_vec::<Pkcs7>(input)
        }),
        Mode::Gcm => with_aes!(key, C, {
            let cipher =
                AesGcm::<C, U12>::new_from_slice(key).map_err(|e| crypto_error(&e.to_string()))?;
            let nonce = aes_gcm::Nonce::<U12>::try_from(iv.as_slice())
                .map_err(|_| crypto_error("Invalid IV"))?;
            cipher
                .encrypt(&nonce, Payload { msg: input, aad })
                .map_err(|_| crypto_error("Encryption failed"))?
        }),
    };
    let mut out = iv;
    out.extend(body);
    Ok(out)
}

fn decrypt_value(
    input: &[u8],
    key: &[u8],
    mode: &str,
    padding: &str,
    aad: &[u8],
) -> Result<Vec<u8>> {
    check_key(key)?;
    let m = mode_of(mode, padding)?;
    if m != Mode::Gcm && !aad.is_empty() {
        return Err(unsupported(
            "AES_MODE_AAD",
            "additional authenticate data (AAD)",
            &mode.to_uppercase(),
        ));
    }
    let bad_padding = || {
        crypto_error("Given final block not properly padded. Such issues can arise if a bad key is used during decryption.")
    };
    let not_blocks =
        || crypto_error("Input length must be multiple of 16 when decrypting with padded cipher");
    match m {
        Mode::Ecb => {
            if !input.len().is_multiple_of(16) {
                return Err(not_blocks());
            }
            with_aes!(key, C, {
                ecb::Decryptor::<C>::new_from_slice(key)
                    .map_err(|e| crypto_error(&e.to_string()))?
                    .decrypt_padded_vec::<Pkcs7>(input)
                    .map_err(|_| bad_padding())
            })
        }
        Mode::Cbc => {
            if input.len() < 16 {
                return Err(crypto_error("Invalid buffer arguments"));
            }
            let (iv, body) = input.split_at(16);
            if !body.len().is_multiple_of(16) {
                return Err(not_blocks());
            }
            with_aes!(key, C, {
                cbc::Decryptor::<C>::new_from_slices(key, iv)
                    .map_err(|e| crypto_error(&e.to_string()))?
                    .decrypt_padded_vec::<Pkcs7>(body)
                    .map_err(|_| bad_padding())
            })
        }
        Mode::Gcm => {
            if input.len() < 12 {
                return Err(crypto_error("Invalid buffer arguments"));
            }
            let (iv, body) = input.split_at(12);
            with_aes!(key, C, {
                let cipher = AesGcm::<C, U12>::new_from_slice(key)
                    .map_err(|e| crypto_error(&e.to_string()))?;
                let nonce =
                    aes_gcm::Nonce::<U12>::try_from(iv).map_err(|_| crypto_error("Invalid IV"))?;
                cipher
                    .decrypt(&nonce, Payload { msg: body, aad })
                    .map_err(|_| crypto_error("Tag mismatch!"))
            })
        }
    }
}

fn mac<M: Mac + hmac::KeyInit>(key: &[u8], message: &[u8]) -> Result<Vec<u8>> {
    let mut m = <M as hmac::KeyInit>::new_from_slice(key)
        .map_err(|e| SparkError::internal(format!("hmac key: {e}")))?;
    m.update(message);
    Ok(m.finalize().into_bytes().to_vec())
}

fn hmac_value(key: &[u8], message: &[u8], algorithm: &str) -> Result<Vec<u8>> {
    if key.is_empty() {
        return Err(SparkError::new(
            ErrorKind::SparkRuntime,
            "INVALID_PARAMETER_VALUE.HMAC_CRYPTO_ERROR",
            "22023",
            "The value of parameter(s) `key` in `hmac` is invalid: detail message: Empty key",
            &[],
        ));
    }
    match algorithm.to_uppercase().replace('-', "").as_str() {
        "SHA224" => mac::<Hmac<sha2::Sha224>>(key, message),
        "SHA256" => mac::<Hmac<sha2::Sha256>>(key, message),
        "SHA384" => mac::<Hmac<sha2::Sha384>>(key, message),
        "SHA512" => mac::<Hmac<sha2::Sha512>>(key, message),
        "SHA1" => mac::<Hmac<sha1::Sha1>>(key, message),
        "MD5" => mac::<Hmac<md5::Md5>>(key, message),
        _ => Err(SparkError::new(
            ErrorKind::SparkRuntime,
            "INVALID_PARAMETER_VALUE.HMAC_ALGORITHM",
            "22023",
            format!(
                "The value of parameter(s) `algorithm` in `hmac` is invalid: expects one of the algorithms 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA-1', 'MD5', but got '{algorithm}'."
            ),
            &[],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02X}")).collect()
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn encrypts_as_spark() {
        let ecb = encrypt(b"Spark", b"0000111122223333", "ECB", "DEFAULT", b"", b"").unwrap();
        assert_eq!(hex(&ecb), "348FF37EBDE05B7880BA339068FBDA5E");
        let gcm = encrypt(
            b"Spark",
            b"0000111122223333",
            "GCM",
            "DEFAULT",
            &[0; 12],
            b"",
        )
        .unwrap();
        assert_eq!(
            hex(&gcm),
            "00000000000000000000000046C4EF1C6A7041A6BEAD289645459AF972E4153D03"
        );
    }

    #[test]
    fn decrypts_sparks_ciphertexts() {
        let gcm = unhex("83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94");
        let plain = decrypt_value(&gcm, b"0000111122223333", "GCM", "DEFAULT", b"").unwrap();
        assert_eq!(plain, b"Spark");
        assert!(decrypt_value(&gcm, b"0000111122223334", "GCM", "DEFAULT", b"").is_err());
    }

    #[test]
    fn hmacs_as_spark() {
        let v = hmac_value(b"key", b"message", "SHA-1").unwrap();
        assert_eq!(hex(&v), "2088DF74D5F2146B48146CAF4965377E9D0BE3A4");
    }
}
