//! The app's state lives in the `ict-state` crate (pure, tested natively); this wraps it for
//! Yew's `use_reducer`, and gives every component the state with a [`Dispatcher`]
//! ([`AppContext`]).

use std::ops::Deref;
use std::rc::Rc;

use yew::{Reducible, UseReducerHandle};

pub use ict_state::{
    answers, fresh_id, Action, AppState, Editions, FieldError, GoalError, GoalForm, ImportedCells,
    KeyedInterval, Notice, NoticeId, Start, MAX_COMPARE,
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

/// Sends an action to the state. In the app's first module it is the reducer's dispatch, with
/// every action passed on to the second module; in the second, a request to the first, which
/// alone changes the state (`crate::app::bridge`). Equal when it is the same sender.
#[derive(Clone)]
pub struct Dispatcher(Rc<dyn Fn(Action)>);

impl Dispatcher {
    pub fn new(send: impl Fn(Action) + 'static) -> Self {
        Dispatcher(Rc::new(send))
    }

    pub fn dispatch(&self, action: Action) {
        (self.0)(action)
    }
}

impl PartialEq for Dispatcher {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The state and its dispatcher, as every component gets them ([`crate::app::hooks::use_app`]).
#[derive(Clone, PartialEq)]
pub struct AppContext {
    pub handle: UseReducerHandle<Store>,
    pub dispatcher: Dispatcher,
}

impl Deref for AppContext {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.handle
    }
}

impl AppContext {
    pub fn dispatch(&self, action: Action) {
        self.dispatcher.dispatch(action)
    }

    pub fn dispatcher(&self) -> Dispatcher {
        self.dispatcher.clone()
    }
}
