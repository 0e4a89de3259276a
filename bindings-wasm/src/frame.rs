//! The columns of a board frame, computed in plain Rust: what `Board.at`
//! hands to JavaScript as typed arrays. Public so that the native benchmark
//! (`benches/board.rs`) measures exactly the work the wasm build does.

use chrono::{DateTime, FixedOffset};
use huying::call::{BoardError, BoardRow, Call, Light, board_at};
use huying::catalog::Stage;

/// The code of a stage in [`Frame::stage`]: 0 dispatch, 1 arrival, 2 reply.
pub fn stage_code(s: Stage) -> u8 {
    match s {
        Stage::Dispatch => 0,
        Stage::Arrival => 1,
        Stage::Reply => 2,
    }
}

/// The code of a light in [`Frame::light`]: 0 green, 1 yellow, 2 red, 3
/// grey (the due time waits for a year the calendar does not cover yet).
pub fn light_code(l: Light) -> u8 {
    match l {
        Light::Green => 0,
        Light::Yellow => 1,
        Light::Red => 2,
        Light::Grey => 3,
    }
}

/// Every running countdown of many calls at one instant, column by column;
/// the buffers are reused from frame to frame.
#[derive(Default)]
pub struct Frame {
    /// The countdowns, as core gives them.
    pub rows: Vec<BoardRow>,
    /// The calls that cannot be shown at that instant.
    pub errors: Vec<BoardError>,
    /// The index of each countdown's call.
    pub call: Vec<u32>,
    /// Each countdown's stage code ([`stage_code`]).
    pub stage: Vec<u8>,
    /// Each countdown's light code ([`light_code`]).
    pub light: Vec<u8>,
    /// 1 if paused.
    pub paused: Vec<u8>,
    /// Due instants, epoch milliseconds (NaN while pending the calendar).
    pub due: Vec<f64>,
    /// Remaining time in the limit's measure, milliseconds.
    pub remaining: Vec<f64>,
    /// Natural time past due, milliseconds.
    pub overrun: Vec<f64>,
    /// The share of the limit used.
    pub fraction: Vec<f64>,
}

impl Frame {
    /// Fills the frame for `calls` at `now`.
    pub fn fill(&mut self, calls: &[Call], now: DateTime<FixedOffset>) {
        board_at(calls, now, &mut self.rows, &mut self.errors);
        self.call.clear();
        self.stage.clear();
        self.light.clear();
        self.paused.clear();
        self.due.clear();
        self.remaining.clear();
        self.overrun.clear();
        self.fraction.clear();
        for r in &self.rows {
            let c = &r.countdown;
            self.call.push(u32::try_from(r.call).unwrap_or(u32::MAX));
            self.stage.push(stage_code(c.stage));
            self.light.push(light_code(c.light));
            self.paused.push(u8::from(c.paused));
            self.due
                .push(c.due.map_or(f64::NAN, |d| d.timestamp_millis() as f64));
            self.remaining.push(c.remaining.num_milliseconds() as f64);
            self.overrun.push(c.overrun.num_milliseconds() as f64);
            self.fraction.push(c.fraction);
        }
    }

    /// The number of countdowns.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no countdown.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
