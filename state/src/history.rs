//! Undo and redo: what a step restores, and the two stacks (shared, so that cloning the state
//! on every action costs nothing).

use std::collections::BTreeMap;
use std::rc::Rc;

use ict_engine::Scenario;

use crate::app::ScenarioKey;
use crate::editions::{Editions, ImportedCells};

/// Everything an undo step restores: the data (built-in or imported), the edition and
/// province in view, and the scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub editions: Rc<Editions>,
    pub imported: BTreeMap<u16, ImportedCells>,
    pub set: String,
    pub year: u16,
    pub province: String,
    pub scenarios: BTreeMap<ScenarioKey, Scenario>,
}

/// A persistent stack: pushing and popping share the rest.
#[derive(Debug, Clone, Default)]
struct Stack(Option<Rc<Node>>);

#[derive(Debug)]
struct Node {
    top: Snapshot,
    rest: Stack,
    len: usize,
}

impl Stack {
    fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |n| n.len)
    }
    fn push(&self, top: Snapshot) -> Stack {
        Stack(Some(Rc::new(Node {
            top,
            rest: self.clone(),
            len: self.len() + 1,
        })))
    }
    fn pop(&self) -> Option<(Snapshot, Stack)> {
        self.0.as_ref().map(|n| (n.top.clone(), n.rest.clone()))
    }
    /// The newest `keep` entries.
    fn truncated(&self, keep: usize) -> Stack {
        let mut items = Vec::with_capacity(keep);
        let mut cur = self.clone();
        while let Some((top, rest)) = cur.pop() {
            if items.len() == keep {
                break;
            }
            items.push(top);
            cur = rest;
        }
        items
            .into_iter()
            .rev()
            .fold(Stack::default(), |s, top| s.push(top))
    }
}

impl PartialEq for Stack {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// How many steps can be undone.
pub const MAX_STEPS: usize = 200;

/// The undo and redo stacks, and the field being edited (its consecutive edits are one step).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Stack,
    redo: Stack,
    burst: Option<String>,
}

impl History {
    /// Records the state before a step. An edit of the field being edited joins its step.
    pub fn record(&mut self, before: Snapshot, field: Option<String>) {
        self.redo = Stack::default();
        if field.is_some() && field == self.burst {
            return;
        }
        self.undo = self.undo.push(before);
        if self.undo.len() > 2 * MAX_STEPS {
            self.undo = self.undo.truncated(MAX_STEPS);
        }
        self.burst = field;
    }
    /// Ends the current field's step (the field lost focus, or something else happened).
    pub fn end_burst(&mut self) {
        self.burst = None;
    }
    /// The snapshot to go back to, with `now` kept for redo.
    pub fn undo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let (prev, rest) = self.undo.pop()?;
        self.undo = rest;
        self.redo = self.redo.push(now);
        Some(prev)
    }
    /// The snapshot to go forward to, with `now` kept for undo.
    pub fn redo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let (next, rest) = self.redo.pop()?;
        self.redo = rest;
        self.undo = self.undo.push(now);
        Some(next)
    }
    pub fn can_undo(&self) -> bool {
        self.undo.len() > 0
    }
    pub fn can_redo(&self) -> bool {
        self.redo.len() > 0
    }
    /// Steps that can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }
}
