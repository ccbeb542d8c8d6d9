//! A chart saved as a picture that says what it is: its title and the workspace and
//! day above the drawing, so a PNG pasted into a slide or an email stands on its own.

use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The heading's height and text sizes in CSS pixels (multiplied by the pixel ratio).
const HEAD: f64 = 60.0;
const TITLE_PX: f64 = 18.0;
const SUBTITLE_PX: f64 = 12.0;
const MARGIN: f64 = 16.0;

pub struct Heading<'a> {
    pub title: &'a str,
    /// "Acme sales · 6 Dec 2026".
    pub subtitle: &'a str,
    pub background: &'a str,
    pub text: &'a str,
    pub muted: &'a str,
}

/// The drawing (`chart`, rendered at `ratio` device pixels per CSS pixel) under its
/// heading, as a PNG `data:` URL.
pub fn titled_png(
    chart: &HtmlCanvasElement,
    heading: &Heading,
    ratio: f64,
) -> Result<String, String> {
    let failed = |e: JsValue| format!("the picture could not be made ({e:?})");
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| "no canvas element".to_string())?;
    let head = (HEAD * ratio).round();
    canvas.set_width(chart.width());
    canvas.set_height(chart.height() + head as u32);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(failed)?
        .ok_or("the browser has no 2D canvas")?
        .dyn_into()
        .map_err(|_| "no 2D context".to_string())?;
    context.set_fill_style_str(heading.background);
    context.fill_rect(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    );
    let font = |weight: &str, px: f64| format!("{weight} {}px system-ui, sans-serif", px * ratio);
    context.set_fill_style_str(heading.text);
    context.set_font(&font("600", TITLE_PX));
    context
        .fill_text(heading.title, MARGIN * ratio, (MARGIN + TITLE_PX) * ratio)
        .map_err(failed)?;
    context.set_fill_style_str(heading.muted);
    context.set_font(&font("400", SUBTITLE_PX));
    context
        .fill_text(
            heading.subtitle,
            MARGIN * ratio,
            (MARGIN + TITLE_PX + 8.0 + SUBTITLE_PX) * ratio,
        )
        .map_err(failed)?;
    context
        .draw_image_with_html_canvas_element(chart, 0.0, head)
        .map_err(failed)?;
    canvas.to_data_url_with_type("image/png").map_err(failed)
}
