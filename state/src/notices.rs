//! The messages shown above the results: several at once, oldest first, each dismissed on its
//! own by its id.

use ict_engine::address::AddressError;
use ict_engine::Text;
use serde::{Deserialize, Serialize};

/// A message shown above the results until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The page's address was not applied, and why ([`AddressError::message`] in both
    /// languages).
    BadLink(AddressError),
    PresetApplied(String),
    /// Saved scenarios that could not be read: how many entries, whether the whole store was
    /// not a list of scenarios, and whether the store was backed up untouched (else it stays
    /// where it is until the next save).
    StoreUnreadable {
        unreadable: usize,
        corrupt: bool,
        backed_up: bool,
    },
    /// Imported data kept in the browser that no longer fit their edition (the years, newest
    /// first): not applied, and left in storage untouched.
    ImportedUnfit(Vec<u16>),
    /// Imported data kept in the browser that could not be read at all (the built-in data are
    /// shown), and whether they were backed up untouched (else they stay where they are until
    /// the next import).
    ImportedUnreadable {
        backed_up: bool,
    },
    /// The browser refused to store the scenarios.
    StoreFailed,
    /// A file could not be read; the message in both languages.
    FileRejected(Text),
    ScenarioImported(String),
    /// A goal-seek answer was applied (one step; undo takes it back).
    Applied,
    /// A checked data file was not applied: the edition's data changed since it was checked.
    ImportOutdated,
    /// Undo or redo had nothing to do.
    NothingToUndo,
    NothingToRedo,
}

impl Notice {
    /// About an event that the next one of its kind makes old news: a preset or a scenario
    /// file shown, an answer applied, undo or redo with nothing to do. The others are
    /// refusals and problems, kept until dismissed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Notice::PresetApplied(_)
                | Notice::ScenarioImported(_)
                | Notice::Applied
                | Notice::NothingToUndo
                | Notice::NothingToRedo
        )
    }

    fn same_kind(&self, other: &Notice) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// Which notice: given when it is shown, never given again in the state's life (so a click
/// on a notice that has gone meanwhile dismisses nothing else).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NoticeId(pub u64);

/// The notices shown, oldest first, each with its id.
///
/// - A notice equal to one shown is not added again: the one shown stays, with its id and
///   place.
/// - A transient notice ([`Notice::is_transient`]) replaces the one of its kind shown (even an
///   equal one): it goes last with a new id, news again.
/// - Any other notice is added last; notices of one kind with different content (two files
///   refused for different reasons) stand together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Notices {
    shown: Vec<(NoticeId, Notice)>,
    next: u64,
}

impl Notices {
    /// The notices shown with their ids, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = (NoticeId, &Notice)> {
        self.shown.iter().map(|(id, n)| (*id, n))
    }
    pub fn len(&self) -> usize {
        self.shown.len()
    }
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }
    pub fn contains(&self, notice: &Notice) -> bool {
        self.shown.iter().any(|(_, n)| n == notice)
    }
    /// The notice shown under `id`, if it still is.
    pub fn get(&self, id: NoticeId) -> Option<&Notice> {
        self.shown.iter().find(|(i, _)| *i == id).map(|(_, n)| n)
    }
    /// The newest notice.
    pub fn last(&self) -> Option<&Notice> {
        self.shown.last().map(|(_, n)| n)
    }

    /// Shows a notice (see [`Notices`] for what it replaces).
    pub(crate) fn push(&mut self, notice: Notice) {
        if notice.is_transient() {
            self.shown.retain(|(_, n)| !n.same_kind(&notice));
        } else if self.contains(&notice) {
            return;
        }
        self.shown.push((NoticeId(self.next), notice));
        self.next += 1;
    }

    /// Takes away the notice shown under `id`; nothing when none is (it went meanwhile).
    pub(crate) fn dismiss(&mut self, id: NoticeId) {
        self.shown.retain(|(i, _)| *i != id);
    }

    /// Keeps only the notices for which `keep` is true.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&Notice) -> bool) {
        self.shown.retain(|(_, n)| keep(n));
    }
}
