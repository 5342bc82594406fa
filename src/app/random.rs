//! Randomness lives at the edge: link tokens come from the browser's crypto
//! source and are handed to the core inside the command.

use crate::domain::LinkToken;

/// A fresh access-link token (144 random bits, hex).
pub fn link_token() -> LinkToken {
    let mut bytes = [0u8; 18];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No crypto source (not a browser): still unique enough for a model.
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (js_sys::Math::random() * 256.0) as u8 ^ i as u8;
        }
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    LinkToken::parse(&hex).expect("36 hex characters form a valid token")
}
