//! The one app state and its reducer: the only place state changes. Pure: time, ids and
//! random seeds come in with the actions.

use std::collections::BTreeMap;
use std::rc::Rc;

use ict_engine::address::{AddressError, Misfit, UrlState};
use ict_engine::dataset::validate_value;
use ict_engine::io::{ImportPreview, ScenarioFile};
use ict_engine::numfmt::{parse_typed as parse, Lang, ParseError};
use ict_engine::{
    builtin, Aggregation, Model, Normalisation, Results, Scenario, Text, PUBLISHED_SET,
};

use serde::{Deserialize, Serialize};

use crate::answers::{self, AnswerKey, Decision, GoalForm, KeyedInterval};
use crate::editions::{Editions, ImportedCells};
use crate::history::{History, Snapshot};
use crate::notices::{Notice, NoticeId, Notices};
use crate::saved::{LoadReport, Saved};

/// Why a typed value was rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldError {
    Empty,
    NotANumber,
    /// More significant digits than any indicator's precision
    /// ([`ict_engine::numfmt::TYPED_DIGITS`]).
    TooManyDigits,
    OutOfRange {
        min: f64,
        max: f64,
    },
}

/// A data file read and checked against an edition's data, waiting for the user to confirm;
/// applied only to the data it was checked against (the same generation).
#[derive(Debug, Clone, PartialEq)]
pub struct PendingImport {
    pub year: u16,
    pub generation: u64,
    pub preview: ImportPreview,
}

/// Which scenario: (province set, year).
pub type ScenarioKey = (String, u16);

/// Where the page starts when its address brought no scenario (none, or refused): what a host
/// page asks for in the query (`?province=22&year=2019&lang=en`). Each part that does not fit
/// the data is ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Start {
    pub year: Option<u16>,
    pub province: Option<String>,
    pub lang: Option<Lang>,
}

/// How many saved scenarios can be compared with the current one.
pub const MAX_COMPARE: usize = 3;
/// Longest scenario name.
pub const MAX_NAME: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub editions: Rc<Editions>,
    /// The province set in view: [`PUBLISHED_SET`] (the 63 of the editions) or a derived one
    /// (`"34"`, the units of 2025).
    pub set: String,
    pub year: u16,
    /// A province (or unit) of the set in view.
    pub province: String,
    /// One scenario per province set and edition.
    pub scenarios: BTreeMap<ScenarioKey, Scenario>,
    /// Text typed in a field, kept while the field is being edited (or while it is invalid).
    pub drafts: BTreeMap<String, String>,
    pub errors: BTreeMap<String, FieldError>,
    pub current: Rc<Results>,
    /// The messages shown, oldest first, each dismissed by its id.
    pub notices: Notices,
    /// The page's address brought the scenario at start-up (it wins over the query's
    /// [`Start`]).
    pub from_address: bool,
    /// Presentation mode (large type, high contrast).
    pub present: bool,
    /// The list of keyboard shortcuts is open.
    pub help: bool,
    /// Below the stage (presentation mode, the embedded layout), the rest of the app is open:
    /// every indicator, the decision aids, scenarios and data.
    pub expanded: bool,
    /// Named scenarios saved in the browser.
    pub saved: Vec<Saved>,
    /// Ids of saved scenarios chosen for comparison (at most [`MAX_COMPARE`]).
    pub compare: Vec<String>,
    /// The saved scenario shown last (for next / previous in meetings).
    pub shown_saved: Option<String>,
    /// Imported data per edition (persisted; applied over the built-in values).
    pub imported: BTreeMap<u16, ImportedCells>,
    /// Imported data found in the browser at start that no longer fit their edition: never
    /// applied, and kept in the browser as they were ([`Self::imported_to_keep`]).
    pub imported_unfit: BTreeMap<u16, ImportedCells>,
    /// A data file read and checked, waiting for the user to confirm.
    pub pending_import: Option<PendingImport>,
    /// Problems of the last data file (nothing was applied).
    pub import_errors: Vec<Text>,
    /// The decision aids: the others' trend, the goal form, the answers with their keys.
    pub decision: Decision,
    /// Undo and redo.
    pub history: History,
    /// The saved scenarios kept in the browser have been read (at start-up, or by the app's
    /// second module a moment later: [`Action::StoreRead`]).
    pub store_read: bool,
}

/// What can happen to the state. Each is data (serde): the app's two modules each keep the
/// state and apply the same actions in the same order ([`ict_engine::wire`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    ToggleLang,
    SetYear(u16),
    SetProvince(String),
    /// Switch the province set (`"63"`, `"34"`): the province in view becomes the unit that
    /// took it over (or, back in the 63, the unit's first former province).
    SetProvinceSet(String),
    /// Text typed in the number field of an indicator.
    Type {
        indicator: String,
        text: String,
    },
    /// A value from the slider of an indicator.
    Slide {
        indicator: String,
        value: f64,
    },
    /// The field lost focus: show the value formatted again (and end the edit's undo step).
    Blur {
        indicator: String,
    },
    /// Several values of the selected province at once: one step, one recompute.
    SetValues(Vec<(String, f64)>),
    Reset,
    Preset(String),
    /// Takes away the notice of this id; nothing when it has gone meanwhile.
    Dismiss(NoticeId),
    /// A node's weight typed in the methodology panel (text, validated like values).
    SetWeight {
        id: String,
        text: String,
    },
    SetNormalisation(Option<Normalisation>),
    SetAggregation(Option<Aggregation>),
    /// Back to the official method (values kept).
    OfficialMethod,
    TogglePresent,
    /// Opens or closes the rest of the app below the stage.
    ToggleExpanded,
    ToggleHelp,
    CloseHelp,
    /// Save the current scenario under a name, with a new id and the time (ISO 8601).
    SaveCurrent {
        name: String,
        id: String,
        created: String,
    },
    RenameSaved {
        id: String,
        name: String,
    },
    /// A copy of a saved scenario under a new id and name (the name is the app's, in its
    /// language).
    DuplicateSaved {
        id: String,
        new_id: String,
        name: String,
    },
    DeleteSaved(String),
    LoadSaved(String),
    /// Show the next (+1) or previous (−1) saved scenario.
    StepSaved(i32),
    ToggleCompare(String),
    /// A scenario file read and checked: add it to the saved list under `id` and show it.
    AddScenarioFile {
        file: ScenarioFile,
        id: String,
    },
    /// The browser refused to store the list.
    StoreFailed,
    /// The saved scenarios kept in the browser, read after start-up (by the app's second
    /// module); once.
    StoreRead(LoadReport),
    /// A data file was read and checked against the edition of that year: its preview, or
    /// every problem found.
    DataRead(u16, Result<ImportPreview, Vec<Text>>),
    /// Apply the pending import to the edition's data.
    ConfirmImport,
    CancelImport,
    /// Back to the built-in data of the current edition.
    RestoreBuiltin,
    FileRejected(Text),
    /// The others continue (or not) their trend between the two editions.
    SetTrend(bool),
    /// The goal form as typed.
    SetGoalForm(GoalForm),
    /// The form's goal sought for the current state ([`answers::seek`], computed by whoever
    /// asks: the app's second module): kept when it answers the current state (its key), else
    /// dropped; `None` (nothing to seek) clears the answer.
    Seek(Option<Box<answers::SeekAnswer>>),
    /// A plan value typed over (indicator id, text).
    EditPlan {
        indicator: String,
        text: String,
    },
    /// Apply the shown plan (as edited): one step.
    ApplyPlan,
    /// Apply the shown one-indicator answer: one step.
    ApplySingle,
    /// The rank interval computed (after a pause) for the state with this key.
    IntervalDone(KeyedInterval),
    Undo,
    Redo,
}

impl AppState {
    /// The state at start-up: the address (if any: read, or why it was refused), the
    /// presentation flag, the saved scenarios and the imported data found in the browser.
    /// Each problem found is a notice, in this order: the store, the imported data, the
    /// address (refused by [`ict_engine::address::read`], or read but not fitting the data:
    /// [`AddressError::NotInData`]).
    pub fn new(
        editions: Rc<Editions>,
        url: Option<Result<UrlState, AddressError>>,
        present: bool,
        store: LoadReport,
        imported: BTreeMap<u16, ImportedCells>,
    ) -> Self {
        let mut state = AppState {
            lang: Lang::Vi,
            set: PUBLISHED_SET.to_string(),
            year: builtin::DEFAULT_YEAR,
            province: builtin::DEFAULT_PROVINCE.to_string(),
            scenarios: BTreeMap::new(),
            drafts: BTreeMap::new(),
            errors: BTreeMap::new(),
            current: editions.baselines[0].clone(),
            editions,
            notices: Notices::default(),
            from_address: false,
            present,
            help: false,
            expanded: false,
            saved: store.saved.clone(),
            compare: Vec::new(),
            shown_saved: None,
            imported: BTreeMap::new(),
            imported_unfit: BTreeMap::new(),
            pending_import: None,
            import_errors: Vec::new(),
            decision: Decision::default(),
            history: History::default(),
            store_read: true,
        };
        state.store_unreadable(&store);
        if state.editions.position(state.year).is_none() {
            state.year = state.editions.models[0].year();
        }
        if state.model().province_index(&state.province).is_none() {
            state.province = state.model().provinces()[0].id.clone();
        }
        // Imported data kept in the browser; data that no longer fit the edition are reported
        // (and left in storage untouched by the app).
        let mut unfit: Vec<u16> = Vec::new();
        for (year, cells) in imported {
            if !state.import_cells(year, cells.clone()) {
                unfit.push(year);
                state.imported_unfit.insert(year, cells);
            }
        }
        if !unfit.is_empty() {
            unfit.reverse();
            state.notices.push(Notice::ImportedUnfit(unfit));
        }
        match url.map(|u| u.and_then(|u| state.restore(u))) {
            Some(Ok(())) => state.from_address = true,
            Some(Err(e)) => state.notices.push(Notice::BadLink(e)),
            None => {}
        }
        state.recompute();
        state
    }

    /// The action that seeks the goal form's answer for this state (computed here, as the
    /// app's second module does when the planner asks).
    pub fn seek(&self) -> Action {
        Action::Seek(answers::seek(self).map(Box::new))
    }

    /// The state before the saved scenarios have been read: they come a moment later
    /// ([`Action::StoreRead`]).
    pub fn awaiting_store(mut self) -> Self {
        self.store_read = false;
        self
    }

    /// Reports saved scenarios, or imported data, that could not be read.
    fn store_unreadable(&mut self, store: &LoadReport) {
        if store.corrupt || store.unreadable > 0 {
            self.notices.push(Notice::StoreUnreadable {
                unreadable: store.unreadable,
                corrupt: store.corrupt,
                backed_up: !store.backup_failed,
            });
        }
        if store.imported_unreadable {
            self.notices.push(Notice::ImportedUnreadable {
                backed_up: !store.imported_backup_failed,
            });
        }
    }

    /// Starts at the edition, province and language asked for (those that fit the data), when
    /// the address brought no scenario: none, or one refused. A scenario from the address
    /// wins: then nothing changes.
    pub fn start_at(mut self, start: &Start) -> Self {
        if self.from_address {
            return self;
        }
        if let Some(year) = start.year.filter(|y| self.editions.position(*y).is_some()) {
            self.year = year;
            if self.model().province_index(&self.province).is_none() {
                self.province = self.model().provinces()[0].id.clone();
            }
        }
        if let Some(p) = &start.province {
            if self.model().province_index(p).is_some() {
                self.province = p.clone();
            }
        }
        if let Some(lang) = start.lang {
            self.lang = lang;
        }
        self.recompute();
        self
    }

    /// Applies a decoded address; what does not fit the data (and nothing changed) when it
    /// does not.
    fn restore(&mut self, u: UrlState) -> Result<(), AddressError> {
        if !self.editions.has_set(&u.provinces) {
            return Err(AddressError::ProvinceSet(Some(u.provinces)));
        }
        let year = u.year;
        let misfit = AddressError::NotInData;
        let pos = self
            .editions
            .position(year)
            .ok_or_else(|| misfit(Misfit::Year(year)))?;
        let model = &self.editions.models_in(&u.provinces)[pos];
        if model.province_index(&u.province).is_none() {
            return Err(misfit(Misfit::Province {
                province: u.province,
                year,
            }));
        }
        if model.apply(&u.scenario).is_err() {
            return Err(misfit(Misfit::Values { year }));
        }
        if model.params(&u.scenario.settings).is_err() {
            return Err(misfit(Misfit::Weights { year }));
        }
        self.lang = u.lang;
        self.year = u.year;
        self.province = u.province;
        self.scenarios
            .insert((u.provinces.clone(), u.year), u.scenario);
        self.set = u.provinces;
        Ok(())
    }

    fn position(&self) -> usize {
        self.editions.position(self.year).unwrap_or(0)
    }
    /// The model in view: the edition of the year in the province set in view.
    pub fn model(&self) -> &Rc<Model> {
        &self.editions.models_in(&self.set)[self.position()]
    }
    pub fn baseline(&self) -> &Rc<Results> {
        &self.editions.baselines_in(&self.set)[self.position()]
    }
    /// The edition of the year in the published set (the 63): what data files are checked
    /// against and imported into (the derived units follow).
    pub fn source_model(&self) -> &Rc<Model> {
        &self.editions.models[self.position()]
    }
    /// The next older edition of the set in view, if any (for the others' trend).
    pub fn older_model(&self) -> Option<&Rc<Model>> {
        self.editions
            .models_in(&self.set)
            .iter()
            .find(|m| m.year() < self.year)
    }
    /// Which scenario is in view.
    pub fn scenario_key(&self) -> ScenarioKey {
        (self.set.clone(), self.year)
    }
    pub fn scenario(&self) -> Scenario {
        self.scenarios
            .get(&self.scenario_key())
            .cloned()
            .unwrap_or_default()
    }
    /// The set in view is derived (the 34 units): its figures are illustrative.
    pub fn is_derived(&self) -> bool {
        self.set != PUBLISHED_SET
    }
    /// Index of the selected province in the model (always valid: the reducer keeps it so).
    pub fn p(&self) -> usize {
        self.model().province_index(&self.province).unwrap_or(0)
    }
    /// The scenario value of indicator `i` (of the current model) for the selected province.
    pub fn value(&self, i: usize) -> f64 {
        let Some(def) = self.model().indicators().get(i) else {
            return f64::NAN;
        };
        self.scenarios
            .get(&self.scenario_key())
            .and_then(|s| s.get(&self.province, &def.id))
            .unwrap_or_else(|| self.model().baseline_value(i, self.p()))
    }
    pub fn is_edited(&self, i: usize) -> bool {
        self.model().indicators().get(i).is_some_and(|def| {
            self.scenarios
                .get(&self.scenario_key())
                .and_then(|s| s.get(&self.province, &def.id))
                .is_some()
        })
    }
    pub fn url_state(&self) -> UrlState {
        UrlState {
            year: self.year,
            province: self.province.clone(),
            lang: self.lang,
            scenario: self.scenario(),
            provinces: self.set.clone(),
        }
    }
    /// The model of an edition in the set in view (the current one if the year is unknown).
    pub fn model_of(&self, year: u16) -> &Rc<Model> {
        &self.editions.models_in(&self.set)[self.editions.position(year).unwrap_or(0)]
    }
    /// The model of an edition in a province set, if both exist (a saved scenario's).
    pub fn model_in(&self, set: &str, year: u16) -> Option<&Rc<Model>> {
        let pos = self.editions.position(year)?;
        self.editions
            .has_set(set)
            .then(|| &self.editions.models_in(set)[pos])
    }

    /// The province (or unit) of set `to` that stands for `province` of the set in view: the
    /// unit that took it over, or (back to the published set) the unit's former province of
    /// the same code, else its first.
    fn province_in(&self, to: &str, province: &str) -> Option<String> {
        if to == self.set {
            return Some(province.to_string());
        }
        // Through the published set: every derived set is made of its provinces.
        let published = match self.editions.derived(&self.set) {
            None => province.to_string(),
            Some(d) => {
                let unit = d.set.unit(province)?;
                unit.members
                    .iter()
                    .find(|m| *m == province)
                    .or_else(|| unit.members.first())?
                    .clone()
            }
        };
        match self.editions.derived(to) {
            None => Some(published),
            Some(d) => d.set.unit_of(&published).map(|u| u.id.clone()),
        }
    }

    /// Everything a derived answer depends on, now.
    pub fn answer_key(&self) -> AnswerKey {
        let generation = |year: u16| {
            self.editions
                .position(year)
                .map(|pos| self.editions.generations[pos])
        };
        AnswerKey {
            set: self.set.clone(),
            year: self.year,
            generation: generation(self.year).unwrap_or(0),
            older_generation: self.older_model().and_then(|m| generation(m.year())),
            province: self.province.clone(),
            scenario: self.scenario(),
            trend: self.decision.trend,
        }
    }

    /// The indicator of the goal form (its id), in the current edition: the form's choice if
    /// the edition has it, else the edition's first indicator.
    pub fn goal_indicator(&self) -> Option<String> {
        let model = self.model();
        self.decision
            .form
            .indicator
            .clone()
            .filter(|id| model.indicator_index(id).is_some())
            .or_else(|| model.indicators().first().map(|d| d.id.clone()))
    }

    /// The goal-seek answer, if it answers the current question for the current state. An
    /// answer for another state is never shown as current.
    pub fn current_answer(&self) -> Option<&answers::SeekAnswer> {
        let a = self.decision.answer.as_ref()?;
        let form = &self.decision.form;
        let same_question = form.goal(self.model().province_count()).ok() == Some(a.goal)
            && self.goal_indicator().as_deref() == Some(a.indicator.as_str());
        (a.key == self.answer_key() && same_question).then_some(a)
    }

    /// An answer that exists but belongs to another state or question (shown as out of date,
    /// with a button to seek again).
    pub fn stale_answer(&self) -> bool {
        self.decision.answer.is_some() && self.current_answer().is_none()
    }

    /// The rank interval, if it was computed for the current state.
    pub fn current_interval(&self) -> Option<&ict_engine::analysis::RankInterval> {
        let k = self.decision.interval.as_ref()?;
        (k.key == self.answer_key()).then_some(&k.interval)
    }

    /// What undo and redo restore.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            editions: self.editions.clone(),
            imported: self.imported.clone(),
            set: self.set.clone(),
            year: self.year,
            province: self.province.clone(),
            scenarios: self.scenarios.clone(),
        }
    }

    fn restore_snapshot(&mut self, s: Snapshot) {
        self.editions = s.editions;
        self.imported = s.imported;
        self.set = s.set;
        self.year = s.year;
        self.province = s.province;
        self.scenarios = s.scenarios;
        self.drafts.clear();
        self.errors.clear();
    }

    /// What the browser keeps of the imported data: those applied, and those found at start
    /// that did not fit (as they were; for an edition with data applied since, those).
    pub fn imported_to_keep(&self) -> BTreeMap<u16, ImportedCells> {
        let mut kept = self.imported_unfit.clone();
        kept.extend(self.imported.clone());
        kept
    }

    /// Replaces the imported data of an edition (empty: the built-in data) and drops drafts.
    /// False (and nothing changed) when the cells do not fit the edition.
    pub fn import_cells(&mut self, year: u16, cells: ImportedCells) -> bool {
        let Ok(editions) = self.editions.with_imported(year, &cells) else {
            return false;
        };
        self.editions = Rc::new(editions);
        if cells.is_empty() {
            self.imported.remove(&year);
        } else {
            self.imported.insert(year, cells);
        }
        self.drafts.clear();
        self.errors.clear();
        true
    }

    /// Shows a scenario file: its edition, province and scenario (checked when it was read).
    fn show_file(&mut self, file: &ScenarioFile) {
        if self
            .model_in(&file.provinces, file.year)
            .is_some_and(|m| m.province_index(&file.province).is_some())
        {
            self.set = file.provinces.clone();
            self.year = file.year;
            self.province = file.province.clone();
            self.scenarios
                .insert((file.provinces.clone(), file.year), file.scenario.clone());
            self.drafts.clear();
            self.errors.clear();
        }
    }

    /// Recomputes the results of the current scenario.
    pub fn recompute(&mut self) {
        let scenario = self.scenario();
        self.current = if scenario.is_empty() {
            self.baseline().clone()
        } else {
            match self.model().evaluate(&scenario) {
                Ok(r) => Rc::new(r),
                // Every value is validated before it enters the scenario; keep what was shown.
                Err(_) => self.current.clone(),
            }
        };
    }

    /// Puts a valid value into the scenario (removing the override when it equals the
    /// baseline).
    fn set_value(&mut self, indicator: &str, v: f64) {
        let base = self
            .model()
            .indicator_index(indicator)
            .map(|i| self.model().baseline_value(i, self.p()));
        let province = self.province.clone();
        let scenario = self.scenarios.entry(self.scenario_key()).or_default();
        scenario.put(&province, indicator, v, base);
    }

    /// A value for an indicator of the current model, if valid.
    fn valid(&self, indicator: &str, v: f64) -> bool {
        self.model()
            .indicator_index(indicator)
            .is_some_and(|i| validate_value(&self.model().indicators()[i], v).is_ok())
    }

    fn check(&self, indicator: &str, text: &str) -> Result<f64, FieldError> {
        let v = parse(text).map_err(|e| match e {
            ParseError::Empty => FieldError::Empty,
            ParseError::NotANumber => FieldError::NotANumber,
            ParseError::TooManyDigits => FieldError::TooManyDigits,
        })?;
        let i = self
            .model()
            .indicator_index(indicator)
            .ok_or(FieldError::NotANumber)?;
        let def = &self.model().indicators()[i];
        validate_value(def, v).map_err(|_| FieldError::OutOfRange {
            min: def.valid[0],
            max: def.valid[1],
        })?;
        Ok(v)
    }

    /// The undo step an action makes: `None` when it changes nothing undoable; `Some(Some(k))`
    /// for an edit of field `k`, which consecutive edits of the same field join.
    fn step_of(&self, action: &Action) -> Option<Option<String>> {
        match action {
            Action::Type { indicator, .. } | Action::Slide { indicator, .. } => {
                Some(Some(indicator.clone()))
            }
            Action::SetWeight { id, .. } => Some(Some(format!("weight:{id}"))),
            Action::SetValues(_)
            | Action::Reset
            | Action::Preset(_)
            | Action::SetNormalisation(_)
            | Action::SetAggregation(_)
            | Action::OfficialMethod
            | Action::LoadSaved(_)
            | Action::StepSaved(_)
            | Action::AddScenarioFile { .. }
            | Action::ConfirmImport
            | Action::RestoreBuiltin
            | Action::ApplyPlan
            | Action::ApplySingle => Some(None),
            _ => None,
        }
    }

    /// The reducer.
    pub fn reduce(&self, action: Action) -> AppState {
        let mut s = self.clone();
        let before = self.snapshot();
        let step = self.step_of(&action);
        let ends_burst = !matches!(
            action,
            Action::Type { .. } | Action::Slide { .. } | Action::SetWeight { .. }
        );
        match action {
            Action::ToggleLang => {
                s.lang = if s.lang.is_en() { Lang::Vi } else { Lang::En };
            }
            Action::SetYear(year) => {
                if s.editions.position(year).is_some() {
                    s.year = year;
                    if s.model().province_index(&s.province).is_none() {
                        s.province = s.model().provinces()[0].id.clone();
                    }
                    s.drafts.clear();
                    s.errors.clear();
                }
            }
            Action::SetProvinceSet(set) => {
                if s.editions.has_set(&set) {
                    if let Some(p) = s.province_in(&set, &s.province) {
                        s.set = set;
                        s.province = p;
                        s.drafts.clear();
                        s.errors.clear();
                    }
                }
            }
            Action::SetProvince(p) => {
                if s.model().province_index(&p).is_some() {
                    s.province = p;
                    s.drafts.clear();
                    s.errors.clear();
                }
            }
            Action::Type { indicator, text } => {
                match s.check(&indicator, &text) {
                    Ok(v) => {
                        s.errors.remove(&indicator);
                        s.set_value(&indicator, v);
                    }
                    Err(e) => {
                        s.errors.insert(indicator.clone(), e);
                    }
                }
                s.drafts.insert(indicator, text);
            }
            Action::Slide { indicator, value } => {
                if s.valid(&indicator, value) {
                    s.errors.remove(&indicator);
                    s.drafts.remove(&indicator);
                    s.set_value(&indicator, value);
                }
            }
            Action::Blur { indicator } => {
                if !s.errors.contains_key(&indicator) {
                    s.drafts.remove(&indicator);
                }
            }
            Action::SetValues(values) => {
                // All or nothing: a plan is applied whole.
                if values.iter().all(|(i, v)| s.valid(i, *v)) {
                    for (i, v) in &values {
                        s.errors.remove(i);
                        s.drafts.remove(i);
                        s.set_value(i, *v);
                    }
                }
            }
            Action::Reset => {
                s.scenarios.remove(&s.scenario_key());
                s.drafts.clear();
                s.errors.clear();
                // The news of the last change go with the scenario; refusals stay.
                s.notices.retain(|n| !n.is_transient());
            }
            Action::Preset(id) => {
                let preset = s.editions.presets.iter().find(|p| p.id == id).cloned();
                if let Some(preset) = preset {
                    let mut scenario = s.scenario();
                    let model = s.model().clone();
                    if preset.apply(&model, &s.province, &mut scenario).is_ok() {
                        s.scenarios.insert(s.scenario_key(), scenario);
                        s.drafts.clear();
                        s.errors.clear();
                        s.notices.push(Notice::PresetApplied(id));
                    }
                }
            }
            Action::Dismiss(id) => s.notices.dismiss(id),
            Action::SetWeight { id, text } => s.set_weight(id, text),
            Action::SetNormalisation(n) => {
                s.scenarios
                    .entry(s.scenario_key())
                    .or_default()
                    .settings
                    .normalisation = n;
            }
            Action::SetAggregation(a) => {
                s.scenarios
                    .entry(s.scenario_key())
                    .or_default()
                    .settings
                    .aggregation = a;
            }
            Action::OfficialMethod => {
                s.scenarios.entry(s.scenario_key()).or_default().settings = Default::default();
                s.drafts.retain(|k, _| !k.starts_with("weight:"));
                s.errors.retain(|k, _| !k.starts_with("weight:"));
            }
            Action::SaveCurrent { name, id, created } => {
                let name: String = name.trim().chars().take(MAX_NAME).collect();
                if name.is_empty() {
                    s.errors.insert("scenario-name".into(), FieldError::Empty);
                } else if !s.saved.iter().any(|x| x.id == id) {
                    s.errors.remove("scenario-name");
                    let mut file =
                        ScenarioFile::new(&name, s.year, &s.province, s.scenario()).in_set(&s.set);
                    file.created = Some(created);
                    s.shown_saved = Some(id.clone());
                    s.saved.push(Saved { id, file });
                }
            }
            Action::RenameSaved { id, name } => {
                let name: String = name.trim().chars().take(MAX_NAME).collect();
                if let Some(saved) = s
                    .saved
                    .iter_mut()
                    .find(|x| x.id == id)
                    .filter(|_| !name.is_empty())
                {
                    saved.file.name = name;
                }
            }
            Action::DuplicateSaved { id, new_id, name } => {
                if !s.saved.iter().any(|x| x.id == new_id) {
                    if let Some(pos) = s.saved.iter().position(|x| x.id == id) {
                        let mut copy = s.saved[pos].clone();
                        copy.id = new_id;
                        copy.file.name = name.trim().chars().take(MAX_NAME).collect();
                        s.saved.insert(pos + 1, copy);
                    }
                }
            }
            Action::DeleteSaved(id) => {
                s.saved.retain(|x| x.id != id);
                s.compare.retain(|x| *x != id);
                if s.shown_saved.as_ref() == Some(&id) {
                    s.shown_saved = None;
                }
            }
            Action::LoadSaved(id) => {
                if let Some(saved) = s.saved.iter().find(|x| x.id == id).cloned() {
                    s.show_file(&saved.file);
                    s.shown_saved = Some(id);
                }
            }
            Action::StepSaved(step) => {
                let n = s.saved.len() as i64;
                if n > 0 {
                    let cur = s
                        .shown_saved
                        .as_ref()
                        .and_then(|id| s.saved.iter().position(|x| &x.id == id));
                    let next = match cur {
                        Some(i) => (i as i64 + i64::from(step)).rem_euclid(n),
                        None if step >= 0 => 0,
                        None => n - 1,
                    } as usize;
                    if let Some(saved) = s.saved.get(next).cloned() {
                        s.show_file(&saved.file);
                        s.shown_saved = Some(saved.id);
                    }
                }
            }
            Action::ToggleCompare(id) => {
                if let Some(pos) = s.compare.iter().position(|x| *x == id) {
                    s.compare.remove(pos);
                } else if s.compare.len() < MAX_COMPARE && s.saved.iter().any(|x| x.id == id) {
                    s.compare.push(id);
                }
            }
            Action::AddScenarioFile { file, id } => {
                if !s.saved.iter().any(|x| x.id == id) {
                    s.show_file(&file);
                    s.notices.push(Notice::ScenarioImported(file.name.clone()));
                    s.saved.push(Saved {
                        id: id.clone(),
                        file,
                    });
                    s.shown_saved = Some(id);
                }
            }
            Action::StoreFailed => s.notices.push(Notice::StoreFailed),
            // Once: the scenarios saved meanwhile (by id) stay after those read.
            Action::StoreRead(report) if !s.store_read => {
                s.store_unreadable(&report);
                let meanwhile = std::mem::take(&mut s.saved);
                s.saved = report.saved;
                for saved in meanwhile {
                    if !s.saved.iter().any(|x| x.id == saved.id) {
                        s.saved.push(saved);
                    }
                }
                s.store_read = true;
            }
            Action::StoreRead(_) => {}
            Action::DataRead(year, result) => match result {
                Ok(preview) => {
                    let generation = s
                        .editions
                        .position(year)
                        .map_or(0, |pos| s.editions.generations[pos]);
                    s.pending_import = Some(PendingImport {
                        year,
                        generation,
                        preview,
                    });
                    s.import_errors.clear();
                }
                Err(errors) => {
                    s.pending_import = None;
                    s.import_errors = errors;
                }
            },
            Action::CancelImport => s.pending_import = None,
            Action::ConfirmImport => {
                let pending = s.pending_import.take();
                let fits = |p: &PendingImport| {
                    s.editions
                        .position(p.year)
                        .is_some_and(|pos| s.editions.generations[pos] == p.generation)
                };
                match pending {
                    Some(p) if fits(&p) => {
                        let mut cells = s.imported.get(&p.year).cloned().unwrap_or_default();
                        for c in &p.preview.changes {
                            cells.retain(|(q, i, _)| !(q == &c.province && i == &c.indicator));
                            cells.push((c.province.clone(), c.indicator.clone(), c.new));
                        }
                        if !s.import_cells(p.year, cells) {
                            s.notices.push(Notice::ImportOutdated);
                        }
                    }
                    Some(_) => s.notices.push(Notice::ImportOutdated),
                    None => {}
                }
            }
            Action::RestoreBuiltin => {
                let year = s.year;
                if s.imported.contains_key(&year) {
                    s.import_cells(year, Vec::new());
                }
            }
            Action::FileRejected(msg) => s.notices.push(Notice::FileRejected(msg)),
            Action::TogglePresent => {
                // Into presentation mode: the stage alone.
                s.present = !s.present;
                s.expanded = false;
            }
            Action::ToggleExpanded => s.expanded = !s.expanded,
            Action::ToggleHelp => s.help = !s.help,
            Action::CloseHelp => s.help = false,
            Action::SetTrend(on) => s.decision.trend = on,
            Action::SetGoalForm(form) => s.decision.form = form,
            Action::Seek(None) => s.decision.answer = None,
            Action::Seek(Some(answer)) if answer.key == s.answer_key() => {
                s.decision.answer = Some(*answer)
            }
            Action::Seek(Some(_)) => {}
            Action::EditPlan { indicator, text } => {
                if let Some(a) = s.decision.answer.as_mut() {
                    if a.moves.iter().any(|m| m.indicator == indicator) {
                        a.edits.insert(indicator, text);
                        a.edit_error = false;
                    }
                }
            }
            Action::ApplyPlan => s.apply_plan(),
            Action::ApplySingle => {
                let value = match s.current_answer() {
                    Some(a) => match a.single {
                        ict_engine::analysis::SingleSeek::Reached { value, .. } => {
                            Some((a.indicator.clone(), value))
                        }
                        _ => None,
                    },
                    None => None,
                };
                if let Some((indicator, value)) = value {
                    if s.valid(&indicator, value) {
                        s.set_value(&indicator, value);
                        s.decision.answer = None;
                        s.notices.push(Notice::Applied);
                    }
                }
            }
            Action::IntervalDone(keyed) => {
                // Kept only if it is for the state as it is now.
                if keyed.key == s.answer_key() {
                    s.decision.interval = Some(keyed);
                }
            }
            Action::Undo => {
                match s.history.undo(before.clone()) {
                    Some(prev) => s.restore_snapshot(prev),
                    None => s.notices.push(Notice::NothingToUndo),
                }
                s.history.end_burst();
                s.recompute();
                return s;
            }
            Action::Redo => {
                match s.history.redo(before.clone()) {
                    Some(next) => s.restore_snapshot(next),
                    None => s.notices.push(Notice::NothingToRedo),
                }
                s.history.end_burst();
                s.recompute();
                return s;
            }
        }
        // The undo step: recorded when the document really changed.
        let after = s.snapshot();
        if after != before {
            if let Some(field) = step {
                s.history.record(before, field);
            }
            s.recompute();
        }
        if ends_burst {
            s.history.end_burst();
        }
        s
    }

    fn set_weight(&mut self, id: String, text: String) {
        let key = format!("weight:{id}");
        let official = self
            .model()
            .node_index(&id)
            .map(|n| self.model().nodes()[n].weight);
        let mut settings = self.scenario().settings;
        match (parse(&text), official) {
            (Ok(w), Some(official)) if w.is_finite() && w >= 0.0 => {
                if w == official {
                    settings.weights.remove(&id);
                } else {
                    settings.weights.insert(id.clone(), w);
                }
                // A node whose weights are all zero cannot be computed: refuse it.
                if self.model().params(&settings).is_ok() {
                    self.scenarios
                        .entry(self.scenario_key())
                        .or_default()
                        .settings = settings;
                    self.errors.remove(&key);
                } else {
                    self.errors.insert(
                        key.clone(),
                        FieldError::OutOfRange {
                            min: 0.0,
                            max: f64::INFINITY,
                        },
                    );
                }
            }
            (Err(ParseError::Empty), _) => {
                self.errors.insert(key.clone(), FieldError::Empty);
            }
            (Err(ParseError::TooManyDigits), _) => {
                self.errors.insert(key.clone(), FieldError::TooManyDigits);
            }
            _ => {
                self.errors.insert(key.clone(), FieldError::NotANumber);
            }
        }
        self.drafts.insert(key, text);
    }

    /// Applies the current plan (as edited) in one step; an invalid edited value applies
    /// nothing and is reported.
    fn apply_plan(&mut self) {
        let Some(a) = self.current_answer().cloned() else {
            return;
        };
        if !a.reached {
            return;
        }
        let mut values = Vec::with_capacity(a.moves.len());
        for m in &a.moves {
            let value = match a.edits.get(&m.indicator) {
                Some(text) => match parse(text) {
                    Ok(v) if self.valid(&m.indicator, v) => v,
                    _ => {
                        if let Some(ans) = self.decision.answer.as_mut() {
                            ans.edit_error = true;
                        }
                        return;
                    }
                },
                None => m.to,
            };
            values.push((m.indicator.clone(), value));
        }
        if values.iter().all(|(i, v)| self.valid(i, *v)) {
            for (i, v) in &values {
                self.errors.remove(i);
                self.drafts.remove(i);
                self.set_value(i, *v);
            }
            self.decision.answer = None;
            self.notices.push(Notice::Applied);
        }
    }
}
