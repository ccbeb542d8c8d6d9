//! Code downloaded on demand: the pages other than the board, the deal and person
//! panels and the team sync engine are split out of the app's wasm, so a first visit
//! to the board downloads only what the board needs. Built with the `split` feature
//! (the app, by Trunk), each `split_points!` entry is a split point that
//! scripts/wasm-link moves into a module of its own (with what only it uses); without
//! it (tests, native builds) a plain function: a test runner serves no split modules.

use std::future::Future;
use wasm_split_helpers::SplitLoaderError;

/// Fetches one split module without showing anything.
pub type Download = std::pin::Pin<Box<dyn Future<Output = Result<(), SplitLoaderError>>>>;

/// Code that could not be downloaded: offline before it was ever fetched (and before
/// the service worker had cached it), or the host failed. A failure is not remembered:
/// the next attempt downloads again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("could not be downloaded; check the connection, then try again")]
pub struct NotDownloaded;

impl From<SplitLoaderError> for NotDownloaded {
    fn from(_: SplitLoaderError) -> Self {
        NotDownloaded
    }
}

/// For each entry, `$load` (its value, once its module is there) and `$download` (the
/// module alone); and `$every`, all the `$download`s in order.
macro_rules! split_points {
    ($every:ident; $($module:ident: $load:ident -> $out:ty, $download:ident => $value:expr;)*) => {
        $(
            #[cfg(feature = "split")]
            #[wasm_split_helpers::wasm_split($module, fallible, preload($download))]
            fn $load() -> Result<$out, $crate::split::NotDownloaded> {
                Ok($value)
            }

            #[cfg(not(feature = "split"))]
            async fn $load() -> Result<$out, $crate::split::NotDownloaded> {
                Ok($value)
            }

            #[cfg(not(feature = "split"))]
            async fn $download() -> Result<(), wasm_split_helpers::SplitLoaderError> {
                Ok(())
            }
        )*

        pub fn $every() -> Vec<fn() -> $crate::split::Download> {
            vec![$((|| Box::pin($download()) as $crate::split::Download)
                as fn() -> $crate::split::Download),*]
        }
    };
}
pub(crate) use split_points;
