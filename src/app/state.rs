//! The app's state lives in the `ict-state` crate (pure, tested natively); this wraps it for
//! Yew's `use_reducer`.

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

pub use ict_state::{
    answers, fresh_id, Action, AppState, Editions, FieldError, GoalError, GoalForm, ImportedCells,
    KeyedInterval, Notice, Start, MAX_COMPARE,
};

/// The app state as Yew's reducer state.
#[derive(Debug, Clone, PartialEq)]
pub struct Store(pub AppState);

impl Deref for Store {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.0
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.0.reduce(action);
        // Nothing changed: the same state, so nothing re-renders.
        if next == self.0 {
            return self;
        }
        Rc::new(Store(next))
    }
}
