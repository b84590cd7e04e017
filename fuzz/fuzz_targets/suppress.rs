//! The `suppress` properties of `figcheck::fuzz` (see fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = figcheck::fuzz::Target::Suppress.run(data) {
        panic!("{e}");
    }
});
