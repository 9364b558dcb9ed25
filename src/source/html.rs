use crate::source::{LoadError, Source};
pub fn read(_path: String, _bytes: &[u8]) -> Result<Source, LoadError> {
    Err(LoadError::NoText)
}
