//! Many calls at once: the board (the countdown wall) of the command centre.
//!
//! [`Call::at`] says everything about one call ([`CallView`](super::CallView):
//! reminders, stages to supervise, the next wake-up, a search per clock).
//! A board that refreshes
//! thousands of countdowns every frame needs only the clocks: [`board_at`]
//! gives, for many calls at one `now`, each running countdown with its due
//! time, remaining time and light — the same [`Countdown`]s as [`Call::at`],
//! nothing else, into buffers the caller reuses from frame to frame.
//!
//! ```
//! use huying::calendar::Calendar;
//! use huying::call::{board_at, BoardError, BoardRow, Call, CallPolicy, Light};
//!
//! let cal = Calendar::china();
//! let calls = [
//!     Call::replay(&cal, &CallPolicy::new("U008"), huying::call::log::EXAMPLE.lines().next().unwrap())?,
//!     Call::replay(&cal, &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?, // closed
//! ];
//! let now = chrono::DateTime::parse_from_rfc3339("2025-06-07T09:25:00+08:00").unwrap();
//! let (mut rows, mut errors) = (Vec::<BoardRow>::new(), Vec::<BoardError>::new());
//! board_at(&calls, now, &mut rows, &mut errors);
//! assert_eq!(rows.len(), 1); // the closed call has no running countdown
//! assert_eq!((rows[0].call, rows[0].countdown.light), (0, Light::Red));
//! assert!(errors.is_empty());
//! # Ok::<(), huying::call::CallError>(())
//! ```

use chrono::{DateTime, FixedOffset};

use super::{Call, CallError, Context, Countdown};

/// One running countdown on a wall: the index of its call in the input, and
/// the countdown.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRow {
    /// The index of the call among the calls given to [`board_at`].
    pub call: usize,
    /// The countdown, as [`Call::at`] shows it.
    pub countdown: Countdown,
}

/// A call that cannot be shown at `now` (e.g. `now` is before its latest
/// event, or outside the calendar): its index and the error.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardError {
    /// The index of the call among the calls given to [`board_at`].
    pub call: usize,
    /// Why its countdowns cannot be computed.
    pub error: CallError,
}

impl Call {
    /// The running (or paused) countdowns at `now` — the `countdowns` of
    /// [`Call::at`] without reminders, supervision or wake-up: the fast path
    /// for a board. Appends to `out`; on error appends nothing.
    ///
    /// # Errors
    /// [`CallError::TimeBackwards`] if `now` is before the call's latest
    /// event; a clock error if `now` is outside the calendar.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy}};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
    /// let now = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:25:00+08:00").unwrap();
    /// let mut out = Vec::new();
    /// call.countdowns_into(now, &mut out)?;
    /// assert_eq!(out, call.at(now)?.countdowns);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn countdowns_into(
        &self,
        now: DateTime<FixedOffset>,
        out: &mut Vec<Countdown>,
    ) -> Result<(), CallError> {
        let start = out.len();
        self.each_countdown(now, |c| out.push(c)).inspect_err(|_| {
            out.truncate(start);
        })
    }

    fn each_countdown(
        &self,
        now: DateTime<FixedOffset>,
        mut f: impl FnMut(Countdown),
    ) -> Result<(), CallError> {
        crate::time::check_instant(&now).map_err(crate::sla::ClockError::from)?;
        if now < self.last_event_at() {
            return Err(CallError::TimeBackwards {
                at: now,
                last: self.last_event_at(),
            });
        }
        let now = crate::to_china(now);
        let ls = crate::time::local_secs(&now);
        let cx = Context::new(self.calendar(), self.policy());
        for c in self.core().clocks().iter().filter(|c| c.is_running()) {
            let (countdown, _) = self.core().countdown(cx, self.names(), c, &now, ls)?;
            f(countdown);
        }
        Ok(())
    }
}

/// Every running countdown of many calls at one `now`, in call order, into
/// `rows`; the calls that cannot be shown at `now` into `errors` (their
/// countdowns are left out, the others still shown). Both buffers are
/// cleared first, so a wall can reuse them every frame without allocating.
///
/// ```
/// use huying::calendar::Calendar;
/// use huying::call::{board_at, Call, CallPolicy};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE.lines().next().unwrap())?;
/// let before = chrono::DateTime::parse_from_rfc3339("2025-06-03T08:00:00+08:00").unwrap();
/// let (mut rows, mut errors) = (Vec::new(), Vec::new());
/// board_at([&call], before, &mut rows, &mut errors);
/// assert!(rows.is_empty());
/// assert_eq!(errors[0].error.code(), "call.time_backwards");
/// # Ok::<(), huying::call::CallError>(())
/// ```
pub fn board_at<'a, I>(
    calls: I,
    now: DateTime<FixedOffset>,
    rows: &mut Vec<BoardRow>,
    errors: &mut Vec<BoardError>,
) where
    I: IntoIterator<Item = &'a Call>,
{
    rows.clear();
    errors.clear();
    for (i, call) in calls.into_iter().enumerate() {
        let start = rows.len();
        let result =
            call.each_countdown(now, |countdown| rows.push(BoardRow { call: i, countdown }));
        if let Err(error) = result {
            rows.truncate(start);
            errors.push(BoardError { call: i, error });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::call::{CallPolicy, log};

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    /// The board shows exactly what `Call::at` shows, call by call.
    #[test]
    fn board_matches_call_at() {
        let cal = Calendar::china();
        let lines: Vec<&str> = log::EXAMPLE.lines().collect();
        let calls: Vec<Call> = (1..=lines.len())
            .map(|n| Call::replay(&cal, &CallPolicy::new("U008"), &lines[..n].join("\n")).unwrap())
            .collect();
        let (mut rows, mut errors) = (Vec::new(), Vec::new());
        for now in ["2025-06-06T09:30:00+08:00", "2025-06-09T10:00:00+08:00"] {
            board_at(&calls, t(now), &mut rows, &mut errors);
            assert!(errors.is_empty());
            for (i, call) in calls.iter().enumerate() {
                let mine: Vec<&Countdown> = rows
                    .iter()
                    .filter(|r| r.call == i)
                    .map(|r| &r.countdown)
                    .collect();
                let theirs = call.at(t(now)).unwrap().countdowns;
                assert_eq!(mine, theirs.iter().collect::<Vec<_>>(), "call {i} at {now}");
            }
        }
    }

    #[test]
    fn a_call_in_error_is_left_out_and_reported() {
        let cal = Calendar::china();
        let first = log::EXAMPLE.lines().next().unwrap();
        let call = Call::replay(&cal, &CallPolicy::new("U008"), first).unwrap();
        let late = Call::replay(
            &cal,
            &CallPolicy::new("U008"),
            &first.replace("09:00:00", "12:00:00"),
        )
        .unwrap();
        let (mut rows, mut errors) = (Vec::new(), Vec::new());
        board_at(
            [&call, &late, &call],
            t("2025-06-03T10:00:00+08:00"),
            &mut rows,
            &mut errors,
        );
        assert_eq!(rows.iter().map(|r| r.call).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].call, 1);
        assert_eq!(errors[0].error.code(), "call.time_backwards");
    }
}
