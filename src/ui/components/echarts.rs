//! Loading ECharts on demand. The page does not load it up front (the board never
//! needs it); the first chart asks for it, every chart waits for the same load, and a
//! failed download (offline before the file was ever cached) can be tried again.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// Defined in index.html: a promise that resolves once the global `echarts` exists.
    #[wasm_bindgen(catch, js_name = pipewrightEcharts)]
    fn load_echarts_script() -> Result<js_sys::Promise, JsValue>;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EchartsState {
    NotRequested,
    Loading,
    Ready,
    /// Why the library could not be had.
    Failed(String),
}

/// The one load every chart shares (provided at the app's root).
#[derive(Clone, Copy)]
pub struct Echarts(RwSignal<EchartsState>);

impl Echarts {
    pub fn provide() -> Echarts {
        let echarts = Echarts(RwSignal::new(EchartsState::NotRequested));
        provide_context(echarts);
        echarts
    }

    /// The shared loader; a chart drawn outside the app (a component test) gets its own.
    pub fn use_loader() -> Echarts {
        use_context::<Echarts>().unwrap_or_else(Echarts::provide)
    }

    /// The state, tracked.
    pub fn state(self) -> EchartsState {
        self.0.get()
    }

    /// Starts loading unless a load is under way or done.
    pub fn request(self) {
        if matches!(
            self.0.get_untracked(),
            EchartsState::NotRequested | EchartsState::Failed(_)
        ) {
            self.load();
        }
    }

    fn load(self) {
        self.0.set(EchartsState::Loading);
        let promise = match load_echarts_script() {
            Ok(promise) => promise,
            Err(error) => {
                self.0.set(EchartsState::Failed(reason(&error)));
                return;
            }
        };
        wasm_bindgen_futures::spawn_local(async move {
            let state = match JsFuture::from(promise).await {
                Ok(_) => EchartsState::Ready,
                Err(error) => EchartsState::Failed(reason(&error)),
            };
            let _ = self.0.try_set(state);
        });
    }
}

fn reason(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the chart library is not available".into())
}
