//! The compact binary form of the engine's data types: postcard (no field names, integers as
//! varints), for what the app embeds and sends between its parts (the built-in editions, the
//! page address `#v3.`, the messages between its two modules). JSON stays the form of the files
//! people read and write (data files, scenario files, the addresses `#v1.` and `#v2.`).
//!
//! One type serves both forms. In JSON an empty optional field is left out
//! (`skip_serializing_if`); postcard has no field names, so every field must be written. The
//! predicates below skip only while a JSON form is written: [`to_bytes`] marks the binary one.

use std::cell::Cell;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::EngineError;

thread_local! {
    static BINARY: Cell<bool> = const { Cell::new(false) };
}

/// Marks the binary form for as long as it lives, then puts back what was there (even on a
/// panic, and for a form written inside another's serialisation).
struct Binary(bool);

impl Binary {
    fn start() -> Self {
        Binary(BINARY.with(|b| b.replace(true)))
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        BINARY.with(|b| b.set(self.0));
    }
}

fn binary() -> bool {
    BINARY.with(Cell::get)
}

/// `value` in the binary form.
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, EngineError> {
    let _binary = Binary::start();
    postcard::to_allocvec(value).map_err(|e| EngineError::Data(format!("binary form: {e}")))
}

/// A value from its binary form; a damaged or foreign one is an error, never a panic.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, EngineError> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok(_) => Err(EngineError::Data("binary form: bytes after the end".into())),
        Err(e) => Err(EngineError::Data(format!("binary form: {e}"))),
    }
}

/// `skip_serializing_if` of an optional field: left out of JSON when empty.
pub(crate) fn skip_none<T>(v: &Option<T>) -> bool {
    v.is_none() && !binary()
}

/// `skip_serializing_if` of a list or map: left out of JSON when empty.
pub(crate) fn skip_empty<C>(v: &C) -> bool
where
    for<'a> &'a C: IntoIterator,
{
    v.into_iter().next().is_none() && !binary()
}

/// `skip_serializing_if` of any field whose JSON form leaves out its default (`is_default`).
pub(crate) fn skip_if(is_default: bool) -> bool {
    is_default && !binary()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serialises as whether the binary form is still marked after writing another value in
    /// the binary form.
    struct Nested;

    impl Serialize for Nested {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let inner = to_bytes(&7u8).map_err(serde::ser::Error::custom)?;
            s.serialize_bool(binary() && inner == [7])
        }
    }

    #[test]
    fn a_form_written_inside_another_leaves_it_binary() {
        assert_eq!(to_bytes(&Nested).expect("bytes"), [1]);
        assert!(!binary());
    }
}
