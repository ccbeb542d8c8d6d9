//! Saves text as a file download (export, backups) through a Blob URL.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Starts a download of a `data:` URL (a chart exported as PNG).
pub fn download_data_url(file_name: &str, url: &str) -> Result<(), String> {
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("the browser refused the download ({e:?})"))?
        .dyn_into()
        .map_err(|_| "no anchor element".to_string())?;
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
    Ok(())
}

/// Starts a download of `text` as `file_name`. Fails only if the browser refuses.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let describe = |e: JsValue| format!("the browser refused the download ({e:?})");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "no anchor element".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
