//! The lifecycle of one township call (乡呼县应).
