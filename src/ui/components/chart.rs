//! Draws chart options with ECharts (served from our own origin), through a tiny binding
//! of our own: `setOption`, resize, dispose and PNG export. A changed chart is merged
//! or rebuilt as `charts::update` decides, so it never keeps a stale series.

use super::chart_png::{titled_png, Heading};
use crate::charts::update::{ChartUpdate, DrawnOptions};
use crate::charts::Palette;
use crate::state::{today, use_app};
use crate::ui::components::echarts::{Echarts, EchartsState};
use crate::ui::components::when::When;
use crate::ui::download::download_data_url;
use leptos::html::Div;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type EchartsInstance;

    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn echarts_init(
        element: &web_sys::HtmlElement,
        theme: JsValue,
        options: JsValue,
    ) -> Result<EchartsInstance, JsValue>;

    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &EchartsInstance, options: JsValue, not_merge: bool);

    #[wasm_bindgen(method)]
    fn resize(this: &EchartsInstance);

    #[wasm_bindgen(method)]
    fn dispose(this: &EchartsInstance);

    /// The drawing on a canvas of its own (ECharts 5.3+), to put under a heading.
    #[wasm_bindgen(method, catch, js_name = renderToCanvas)]
    fn render_to_canvas(
        this: &EchartsInstance,
        options: JsValue,
    ) -> Result<web_sys::HtmlCanvasElement, JsValue>;
}

/// Device pixels per CSS pixel of a saved PNG: sharp on slides and high-density screens.
const PNG_RATIO: f64 = 2.0;

fn to_js(options: &Value) -> Option<JsValue> {
    text_to_js(&options.to_string())
}

fn text_to_js(options: &str) -> Option<JsValue> {
    js_sys::JSON::parse(options).ok()
}

/// The options as drawn here: without animation when the user asks for less motion.
fn for_this_browser(options: Value) -> Value {
    let reduce = window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|q| q.matches());
    match options {
        Value::Object(mut map) if reduce => {
            map.insert("animation".into(), Value::Bool(false));
            Value::Object(map)
        }
        other => other,
    }
}

/// Counts on the host, so tests and the benchmark can tell when a chart has taken new
/// options: `data-drawn` the drawings, `data-updated` the options handled (drawn, or
/// left as they were because nothing in them changed).
fn count_on(host: &NodeRef<Div>, attribute: &str) {
    if let Some(el) = host.try_get_untracked().flatten() {
        let n = el
            .get_attribute(attribute)
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0);
        let _ = el.set_attribute(attribute, &(n + 1).to_string());
    }
}

fn mark_drawn(host: &NodeRef<Div>) {
    count_on(host, "data-drawn");
    count_on(host, "data-updated");
}

/// Follows the system colour scheme, live.
pub fn use_dark_scheme() -> ReadSignal<bool> {
    let query = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten();
    let (dark, set_dark) = signal(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(query) = query {
        let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |e: web_sys::MediaQueryListEvent| {
                let _ = set_dark.try_set(e.matches());
            },
        );
        let _ =
            query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    dark
}

/// The charts' palette, read from the stylesheet's custom properties and read again
/// when the colour scheme changes.
pub fn use_palette() -> Memo<Palette> {
    let dark = use_dark_scheme();
    Memo::new(move |_| {
        dark.track();
        let style = root_style();
        Palette::from_properties(|name| css_property(style.as_ref(), name))
    })
}

/// The page root's computed style, from which the custom properties are read.
fn root_style() -> Option<web_sys::CssStyleDeclaration> {
    document()
        .document_element()
        .and_then(|root| window().get_computed_style(&root).ok().flatten())
}

/// A custom property as the stylesheet sets it now ("" when unavailable).
fn css_property(style: Option<&web_sys::CssStyleDeclaration>, name: &str) -> String {
    style
        .and_then(|style| style.get_property_value(name).ok())
        .map(|value| value.trim().to_string())
        .unwrap_or_default()
}

#[component]
pub fn ChartCard(
    /// The `data-chart` test id.
    name: &'static str,
    title: &'static str,
    /// The options, or why there is nothing to draw.
    options: Signal<Result<Value, String>>,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    let instance = StoredValue::new_local(None::<EchartsInstance>);
    let drawn = StoredValue::new_local(DrawnOptions::default());
    let failed = RwSignal::new(None::<String>);
    let echarts = Echarts::use_loader();
    // Only a chart with something to draw needs the library.
    Effect::new(move |_| {
        if options.with(Result::is_ok) {
            echarts.request();
        }
    });

    Effect::new(move |_| {
        let opts = options.get();
        if echarts.state() != EchartsState::Ready && opts.is_ok() {
            return;
        }
        let Some(element) = host.get() else { return };
        match opts {
            Err(_) => {
                instance.update_value(|i| {
                    if let Some(chart) = i.take() {
                        chart.dispose();
                    }
                });
                drawn.set_value(DrawnOptions::default());
            }
            Ok(value) => {
                let value = for_this_browser(value);
                let update = drawn.try_update_value(|d| d.update_to(&value));
                let exists = instance.with_value(|i| i.is_some());
                if exists && update == Some(ChartUpdate::Unchanged) {
                    count_on(&host, "data-updated");
                    return;
                }
                // The options' text, made once to compare them, is what ECharts reads.
                let Some(js) = drawn.with_value(|d| text_to_js(d.text())) else {
                    return;
                };
                if exists {
                    let rebuild = update != Some(ChartUpdate::Merge);
                    // An update waits for the next task: the tiles and the rest of the
                    // page paint first, then each chart in a task of its own.
                    set_timeout(
                        move || {
                            crate::perf::measure("chart-draw", || {
                                let _ = instance.try_with_value(|i| {
                                    if let Some(chart) = i {
                                        chart.set_option(js, rebuild);
                                    }
                                });
                            });
                            mark_drawn(&host);
                        },
                        std::time::Duration::from_millis(0),
                    );
                    return;
                }
                match echarts_init(&element, JsValue::NULL, JsValue::NULL) {
                    Ok(chart) => instance.set_value(Some(chart)),
                    Err(_) => {
                        failed.set(Some("The chart library did not start.".into()));
                        return;
                    }
                }
                instance.with_value(|i| {
                    if let Some(chart) = i {
                        chart.set_option(js, true);
                    }
                });
                mark_drawn(&host);
            }
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        instance.with_value(|i| {
            if let Some(chart) = i {
                chart.resize();
            }
        })
    });
    on_cleanup(move || {
        resize.remove();
        instance.update_value(|i| {
            if let Some(chart) = i.take() {
                chart.dispose();
            }
        });
    });

    let state = use_app();
    let save_png = move |_| {
        let style = root_style();
        let colour = |name| css_property(style.as_ref(), name);
        let background = colour("--surface");
        let subtitle = format!(
            "{} · {}",
            state.workspace.with_untracked(|w| w.settings.name.clone()),
            today().format("%-d %b %Y")
        );
        let heading = Heading {
            title,
            subtitle: &subtitle,
            background: &background,
            text: &colour("--text"),
            muted: &colour("--text-muted"),
        };
        let made = instance.with_value(|i| {
            let chart = i.as_ref().ok_or("the chart is not drawn yet")?;
            let opts =
                serde_json::json!({ "pixelRatio": PNG_RATIO, "backgroundColor": background });
            let drawing = chart
                .render_to_canvas(to_js(&opts).unwrap_or(JsValue::NULL))
                .map_err(|e| format!("the chart could not be drawn ({e:?})"))?;
            titled_png(&drawing, &heading, PNG_RATIO)
        });
        let saved = made.and_then(|url| download_data_url(&format!("pipewright-{name}.png"), &url));
        if let Err(why) = saved {
            state.toast_error(format!("The {title} chart was not saved: {why}."));
        }
    };
    let empty = move || options.with(|o| o.as_ref().err().cloned());
    view! {
        <figure class="chart-card" class:wide=wide data-testid="chart" data-chart=name>
            <figcaption class="chart-head">
                <span class="chart-title">{title}</span>
                <button class="btn btn-quiet btn-small" on:click=save_png disabled=move || empty().is_some()
                    aria-label=format!("Save PNG of the {title} chart")>"Save PNG"</button>
            </figcaption>
            <When when=move || failed.get().is_some()>
                <p class="form-error" role="alert">{move || failed.get()}</p>
            </When>
            {move || match echarts.state() {
                EchartsState::Failed(reason) if empty().is_none() => view! {
                    <p class="form-error" role="alert">
                        {format!("Charts could not load ({reason}). Check the connection, then ")}
                        <button class="btn btn-small" on:click=move |_| echarts.request()>"Try again"</button>
                    </p>
                }.into_any(),
                EchartsState::Loading if empty().is_none() => view! { <p class="chart-loading" aria-live="polite">"Loading the chart…"</p> }.into_any(),
                _ => ().into_any(),
            }}
            <When when=move || empty().is_some()>
                <p class="chart-empty">{empty}</p>
            </When>
            <div class="chart-canvas" class:hidden=move || empty().is_some() node_ref=host role="img" aria-label=title></div>
        </figure>
    }
}
