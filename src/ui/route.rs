//! Hash routing (`#/leads`): a static host has no fallback to index.html and may serve
//! the app under any sub-path, and a hash survives both on reload.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Board,
    Deals,
    Leads,
    Activities,
    Organizations,
    Dashboard,
    Forecast,
    Settings,
    NotFound,
}

impl Route {
    /// The pages in navigation order.
    pub const NAV: [Route; 8] = [
        Route::Board,
        Route::Deals,
        Route::Leads,
        Route::Activities,
        Route::Organizations,
        Route::Dashboard,
        Route::Forecast,
        Route::Settings,
    ];

    /// Parses `location.hash` ("", "#", "#/leads", "#/leads?x=1").
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '/']).next().unwrap_or("");
        match path {
            "" | "board" => Route::Board,
            "deals" => Route::Deals,
            "leads" => Route::Leads,
            "activities" => Route::Activities,
            "organizations" => Route::Organizations,
            "dashboard" => Route::Dashboard,
            "forecast" => Route::Forecast,
            "settings" => Route::Settings,
            _ => Route::NotFound,
        }
    }

    /// On a phone, the bottom bar holds the places used most; the rest are under More.
    pub fn on_phone_bar(self) -> bool {
        matches!(
            self,
            Route::Board | Route::Deals | Route::Leads | Route::Activities | Route::Dashboard
        )
    }

    pub fn href(self) -> &'static str {
        match self {
            Route::Board | Route::NotFound => "#/board",
            Route::Deals => "#/deals",
            Route::Leads => "#/leads",
            Route::Activities => "#/activities",
            Route::Organizations => "#/organizations",
            Route::Dashboard => "#/dashboard",
            Route::Forecast => "#/forecast",
            Route::Settings => "#/settings",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Route::Board => "Board",
            Route::Deals => "Deals",
            Route::Leads => "Leads",
            Route::Activities => "Activities",
            Route::Organizations => "Organizations",
            Route::Dashboard => "Dashboard",
            Route::Forecast => "Forecast",
            Route::Settings => "Settings",
            Route::NotFound => "Page not found",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn parses_hashes_and_round_trips_every_nav_entry() {
        assert_eq!(Route::from_hash(""), Route::Board);
        assert_eq!(Route::from_hash("#"), Route::Board);
        assert_eq!(Route::from_hash("#/leads?status=new"), Route::Leads);
        assert_eq!(Route::from_hash("#/nowhere"), Route::NotFound);
        for route in Route::NAV {
            assert_eq!(Route::from_hash(route.href()), route);
        }
    }
}
