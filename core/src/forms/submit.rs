//! A form's send state: one request at a time, whatever the clicks and Enter presses.

/// Where a form's request stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Submit {
    /// Nothing sent yet, or the user may send again.
    #[default]
    Idle,
    /// A request is in flight: no second one may start.
    Sending,
    /// The last request failed; the user may send again.
    Failed,
}

impl Submit {
    /// Starts a send; false (and no change) while one is already in flight.
    pub fn begin(&mut self) -> bool {
        if self.is_sending() {
            return false;
        }
        *self = Submit::Sending;
        true
    }

    /// The request failed: the form may be sent again.
    pub fn fail(&mut self) {
        *self = Submit::Failed;
    }

    pub fn is_sending(&self) -> bool {
        *self == Submit::Sending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_send_is_refused_while_one_is_in_flight() {
        let mut s = Submit::default();
        assert!(s.begin());
        assert!(!s.begin(), "double click");
        assert!(!s.begin(), "Enter while in flight");
        assert!(s.is_sending());
        s.fail();
        assert_eq!(s, Submit::Failed);
        assert!(s.begin(), "after a failure the user may send again");
    }
}
