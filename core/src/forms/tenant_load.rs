//! Which tenant-loading error the switchover page shows, given the all-tenants list and its per-cluster
//! fallback.

use crate::error::ApiError;
use crate::model::{Page, Tenant};

/// The tenant-loading error worth showing: none while the per-cluster fallback works, and no 404 for
/// the all-tenants list before a cluster is chosen (the fallback has not run yet).
pub fn load_error(
    all: Option<Result<Page<Tenant>, ApiError>>,
    fallback: Option<Option<Result<Page<Tenant>, ApiError>>>,
    cluster_chosen: bool,
) -> Option<ApiError> {
    match (all, fallback) {
        (Some(Err(_)), Some(Some(Err(e)))) => Some(e),
        (Some(Err(ApiError::Http { status: 404, .. })), _) if !cluster_chosen => None,
        (Some(Err(e)), Some(None) | None) => Some(e),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16) -> ApiError {
        ApiError::Http {
            status,
            code: None,
            message: format!("status {status}"),
            trace_id: None,
            sub_errors: Vec::new(),
        }
    }

    fn page() -> Page<Tenant> {
        Page {
            contents: Vec::new(),
            page: None,
        }
    }

    #[test]
    fn a_working_fallback_hides_the_all_tenants_error() {
        assert_eq!(
            load_error(Some(Err(http(500))), Some(Some(Ok(page()))), true),
            None
        );
        assert_eq!(
            load_error(Some(Err(http(500))), Some(Some(Err(http(503)))), true),
            Some(http(503))
        );
    }

    #[test]
    fn a_404_before_a_cluster_is_chosen_is_not_shown() {
        assert_eq!(load_error(Some(Err(http(404))), None, false), None);
        assert_eq!(
            load_error(Some(Err(http(404))), Some(None), true),
            Some(http(404))
        );
        assert_eq!(
            load_error(Some(Err(http(500))), None, false),
            Some(http(500))
        );
        assert_eq!(load_error(Some(Ok(page())), None, false), None);
    }
}
