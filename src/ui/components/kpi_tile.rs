//! One KPI tile: label, value, detail and (on the dashboard) the change against the
//! previous period, coloured by whether it is good news.

use crate::ui::components::when::When;
use crate::ui::kpi::{Tile, Trend};
use leptos::prelude::*;

#[component]
pub fn KpiTile(tile: Tile) -> impl IntoView {
    let trend_class = match tile.trend {
        Trend::Up => "kpi-change up",
        Trend::Down => "kpi-change down",
        _ => "kpi-change",
    };
    let has_change = !tile.change.is_empty();
    view! {
        <article class="kpi" data-testid="kpi" data-kpi=tile.id>
            <h2 class="kpi-label">{tile.label}</h2>
            <p class="kpi-value num">{tile.value}</p>
            <p class="kpi-detail">{tile.detail}</p>
            <When when=move || has_change><p class=trend_class>{tile.change.clone()}</p></When>
        </article>
    }
}
