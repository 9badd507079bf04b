//! The one app state and its reducer: the only place state changes (Yew todomvc shape).

use std::collections::BTreeMap;
use std::rc::Rc;

use ict_engine::dataset::validate_value;
use ict_engine::numfmt::{parse, ParseError};
use ict_engine::presets::Preset;
use ict_engine::{builtin, EngineError, Model, Results, Scenario};
use yew::Reducible;

use super::i18n::{Lang, Msg};
use super::storage::{new_id, now_iso, LoadReport, Saved};
use super::url::UrlState;
use ict_engine::io::ScenarioFile;

/// The editions (built-in, or with the user's imported data), their baselines and the presets.
#[derive(Debug)]
pub struct Editions {
    /// Newest first; a model may carry imported values.
    pub models: Vec<Rc<Model>>,
    pub baselines: Vec<Rc<Results>>,
    /// The built-in models, kept so the built-in data can always be restored.
    pub builtin: Vec<Rc<Model>>,
    pub presets: Vec<Preset>,
}

/// Imported cells of one edition: (province id, indicator id, value).
pub type ImportedCells = Vec<(String, String, f64)>;

impl PartialEq for Editions {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Editions {
    /// The built-in editions and presets.
    pub fn load() -> Result<Self, EngineError> {
        let models = builtin::years()
            .into_iter()
            .map(builtin::model)
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(models, builtin::presets()?)
    }

    /// Editions from models (newest first; at least one) and the presets offered with them.
    pub fn new(models: Vec<Model>, presets: Vec<Preset>) -> Result<Self, EngineError> {
        if models.is_empty() {
            return Err(EngineError::Data("no edition".into()));
        }
        let mut baselines = Vec::with_capacity(models.len());
        for model in &models {
            baselines.push(Rc::new(model.evaluate(&Scenario::default())?));
        }
        let models: Vec<Rc<Model>> = models.into_iter().map(Rc::new).collect();
        Ok(Editions {
            builtin: models.clone(),
            models,
            baselines,
            presets,
        })
    }

    /// The editions with `cells` imported into the built-in data of `year` (none: built-in).
    pub fn with_imported(
        &self,
        year: u16,
        cells: &[(String, String, f64)],
    ) -> Result<Editions, EngineError> {
        let pos = self
            .position(year)
            .ok_or_else(|| EngineError::Data(format!("no edition {year}")))?;
        let original = &self.builtin[pos];
        let mut indexed = Vec::with_capacity(cells.len());
        for (p, i, v) in cells {
            let pi = original
                .province_index(p)
                .ok_or_else(|| EngineError::UnknownProvince(p.clone()))?;
            let ii = original
                .indicator_index(i)
                .ok_or_else(|| EngineError::UnknownIndicator(i.clone()))?;
            indexed.push((ii, pi, *v));
        }
        let model = original.with_imported(&indexed)?;
        let baseline = model.evaluate(&Scenario::default())?;
        let mut models = self.models.clone();
        let mut baselines = self.baselines.clone();
        models[pos] = Rc::new(model);
        baselines[pos] = Rc::new(baseline);
        Ok(Editions {
            models,
            baselines,
            builtin: self.builtin.clone(),
            presets: self.presets.clone(),
        })
    }

    fn position(&self, year: u16) -> Option<usize> {
        self.models.iter().position(|m| m.year() == year)
    }
}

/// Why a typed value was rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldError {
    Empty,
    NotANumber,
    OutOfRange { min: f64, max: f64 },
}

/// A message shown above the results until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    BadLink,
    PresetApplied(String),
    /// Saved scenarios that could not be read (the store is backed up untouched).
    StoreUnreadable {
        unreadable: usize,
        corrupt: bool,
    },
    /// The browser refused to store the scenarios.
    StoreFailed,
    /// A file could not be read; the message in both languages.
    FileRejected(ict_engine::Text),
    ScenarioImported(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub editions: Rc<Editions>,
    pub year: u16,
    pub province: String,
    /// One scenario per edition.
    pub scenarios: BTreeMap<u16, Scenario>,
    /// Text typed in a field, kept while the field is being edited (or while it is invalid).
    pub drafts: BTreeMap<String, String>,
    pub errors: BTreeMap<String, FieldError>,
    pub current: Rc<Results>,
    pub notice: Option<Notice>,
    /// Presentation mode (large type, high contrast).
    pub present: bool,
    /// The list of keyboard shortcuts is open.
    pub help: bool,
    /// Named scenarios saved in the browser.
    pub saved: Vec<Saved>,
    /// Ids of saved scenarios chosen for comparison (at most [`MAX_COMPARE`]).
    pub compare: Vec<String>,
    /// The saved scenario shown last (for next / previous in meetings).
    pub shown_saved: Option<String>,
    /// Imported data per edition (persisted; applied over the built-in values).
    pub imported: BTreeMap<u16, ImportedCells>,
    /// A data file read and checked, waiting for the user to confirm.
    pub pending_import: Option<(u16, ict_engine::io::ImportPreview)>,
    /// Problems of the last data file (nothing was applied).
    pub import_errors: Vec<ict_engine::Text>,
}

/// How many saved scenarios can be compared with the current one.
pub const MAX_COMPARE: usize = 3;
/// Longest scenario name.
pub const MAX_NAME: usize = 200;

pub enum Action {
    ToggleLang,
    SetYear(u16),
    SetProvince(String),
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
    /// The field lost focus: show the value formatted again.
    Blur {
        indicator: String,
    },
    Reset,
    Preset(String),
    Dismiss,
    /// A node's weight typed in the methodology panel (text, validated like values).
    SetWeight {
        id: String,
        text: String,
    },
    SetNormalisation(Option<ict_engine::Normalisation>),
    SetAggregation(Option<ict_engine::Aggregation>),
    /// Back to the official method (values kept).
    OfficialMethod,
    TogglePresent,
    ToggleHelp,
    CloseHelp,
    /// Save the current scenario under a name.
    SaveCurrent(String),
    RenameSaved {
        id: String,
        name: String,
    },
    DuplicateSaved(String),
    DeleteSaved(String),
    LoadSaved(String),
    /// Show the next (+1) or previous (−1) saved scenario.
    StepSaved(i32),
    ToggleCompare(String),
    /// A scenario file read and checked: add it to the saved list and show it.
    AddScenarioFile(ScenarioFile),
    /// The browser refused to store the list.
    StoreFailed,
    /// A data file was read: its preview, or every problem found.
    /// A data file was read and checked against the edition of that year.
    DataRead(
        u16,
        Result<ict_engine::io::ImportPreview, Vec<ict_engine::Text>>,
    ),
    /// Apply the pending import to the edition's data.
    ConfirmImport,
    CancelImport,
    /// Back to the built-in data of the current edition.
    RestoreBuiltin,
    FileRejected(ict_engine::Text),
}

impl AppState {
    pub fn new(
        editions: Rc<Editions>,
        url: Option<Result<UrlState, ()>>,
        present: bool,
        store: LoadReport,
    ) -> Self {
        let mut state = AppState {
            lang: Lang::Vi,
            year: builtin::DEFAULT_YEAR,
            province: builtin::DEFAULT_PROVINCE.to_string(),
            scenarios: BTreeMap::new(),
            drafts: BTreeMap::new(),
            errors: BTreeMap::new(),
            current: editions.baselines[0].clone(),
            editions,
            notice: None,
            present,
            help: false,
            saved: store.saved,
            compare: Vec::new(),
            shown_saved: None,
            imported: BTreeMap::new(),
            pending_import: None,
            import_errors: Vec::new(),
        };
        if store.corrupt || store.unreadable > 0 {
            state.notice = Some(Notice::StoreUnreadable {
                unreadable: store.unreadable,
                corrupt: store.corrupt,
            });
        }
        if state.editions.position(state.year).is_none() {
            state.year = state.editions.models[0].year();
        }
        if state.model().province_index(&state.province).is_none() {
            state.province = state.model().provinces()[0].id.clone();
        }
        let restored = match url {
            Some(Ok(u)) => state.restore(u),
            Some(Err(())) => false,
            None => true,
        };
        if !restored {
            state.notice = Some(Notice::BadLink);
        }
        state.recompute();
        state
    }

    /// Applies a decoded address; false (and nothing changed) when it does not fit the data.
    fn restore(&mut self, u: UrlState) -> bool {
        let Some(pos) = self.editions.position(u.year) else {
            return false;
        };
        let model = &self.editions.models[pos];
        if model.province_index(&u.province).is_none() || model.apply(&u.scenario).is_err() {
            return false;
        }
        if model.params(&u.scenario.settings).is_err() {
            return false;
        }
        self.lang = u.lang;
        self.year = u.year;
        self.province = u.province;
        self.scenarios.insert(u.year, u.scenario);
        true
    }

    pub fn model(&self) -> &Rc<Model> {
        &self.editions.models[self.editions.position(self.year).unwrap_or(0)]
    }
    pub fn baseline(&self) -> &Rc<Results> {
        &self.editions.baselines[self.editions.position(self.year).unwrap_or(0)]
    }
    pub fn scenario(&self) -> Scenario {
        self.scenarios.get(&self.year).cloned().unwrap_or_default()
    }
    /// Index of the selected province in the model.
    pub fn p(&self) -> usize {
        self.model().province_index(&self.province).unwrap_or(0)
    }
    /// The scenario value of indicator `i` for the selected province.
    pub fn value(&self, i: usize) -> f64 {
        let id = &self.model().indicators()[i].id;
        self.scenarios
            .get(&self.year)
            .and_then(|s| s.get(&self.province, id))
            .unwrap_or_else(|| self.model().baseline_value(i, self.p()))
    }
    pub fn is_edited(&self, i: usize) -> bool {
        let id = &self.model().indicators()[i].id;
        self.scenarios
            .get(&self.year)
            .and_then(|s| s.get(&self.province, id))
            .is_some()
    }
    pub fn url_state(&self) -> UrlState {
        UrlState {
            year: self.year,
            province: self.province.clone(),
            lang: self.lang,
            scenario: self.scenario(),
        }
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
        if self.editions.position(file.year).is_some()
            && self
                .model_of(file.year)
                .province_index(&file.province)
                .is_some()
        {
            self.year = file.year;
            self.province = file.province.clone();
            self.scenarios.insert(file.year, file.scenario.clone());
            self.drafts.clear();
            self.errors.clear();
        }
    }

    /// The model of an edition (the current one if the year is unknown).
    pub fn model_of(&self, year: u16) -> &Rc<Model> {
        &self.editions.models[self.editions.position(year).unwrap_or(0)]
    }

    /// Recomputes the results (in the reducer, and after changing the data outside it at
    /// start-up).
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

    /// Puts a valid value into the scenario (removing the override when it equals the baseline).
    fn set_value(&mut self, indicator: &str, v: f64) {
        let base = self
            .model()
            .indicator_index(indicator)
            .map(|i| self.model().baseline_value(i, self.p()));
        let province = self.province.clone();
        let scenario = self.scenarios.entry(self.year).or_default();
        if base == Some(v) {
            scenario.unset(&province, indicator);
        } else {
            scenario.set(&province, indicator, v);
        }
    }

    fn check(&self, indicator: &str, text: &str) -> Result<f64, FieldError> {
        let v = parse(text).map_err(|e| match e {
            ParseError::Empty => FieldError::Empty,
            ParseError::NotANumber => FieldError::NotANumber,
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
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ToggleLang => {
                s.lang = if s.lang.is_en() { Lang::Vi } else { Lang::En };
                return Rc::new(s);
            }
            Action::SetYear(year) => {
                if s.editions.position(year).is_some() {
                    s.year = year;
                    s.drafts.clear();
                    s.errors.clear();
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
                let ok = s
                    .model()
                    .indicator_index(&indicator)
                    .is_some_and(|i| validate_value(&s.model().indicators()[i], value).is_ok());
                if ok {
                    s.errors.remove(&indicator);
                    s.drafts.remove(&indicator);
                    s.set_value(&indicator, value);
                }
            }
            Action::Blur { indicator } => {
                if !s.errors.contains_key(&indicator) {
                    s.drafts.remove(&indicator);
                }
                return Rc::new(s);
            }
            Action::Reset => {
                s.scenarios.remove(&s.year);
                s.drafts.clear();
                s.errors.clear();
                s.notice = None;
            }
            Action::Preset(id) => {
                let preset = s.editions.presets.iter().find(|p| p.id == id).cloned();
                if let Some(preset) = preset {
                    let mut scenario = s.scenario();
                    let model = s.model().clone();
                    if preset.apply(&model, &s.province, &mut scenario).is_ok() {
                        s.scenarios.insert(s.year, scenario);
                        s.drafts.clear();
                        s.errors.clear();
                        s.notice = Some(Notice::PresetApplied(id));
                    }
                }
            }
            Action::Dismiss => {
                s.notice = None;
                return Rc::new(s);
            }
            Action::SetWeight { id, text } => {
                let official = s
                    .model()
                    .node_index(&id)
                    .map(|n| s.model().nodes()[n].weight);
                let mut settings = s.scenario().settings;
                match (parse(&text), official) {
                    (Ok(w), Some(official)) if w.is_finite() && w >= 0.0 => {
                        if w == official {
                            settings.weights.remove(&id);
                        } else {
                            settings.weights.insert(id.clone(), w);
                        }
                        // A node whose weights are all zero cannot be computed: refuse it.
                        if s.model().params(&settings).is_ok() {
                            s.scenarios.entry(s.year).or_default().settings = settings;
                            s.errors.remove(&format!("weight:{id}"));
                        } else {
                            s.errors.insert(
                                format!("weight:{id}"),
                                FieldError::OutOfRange {
                                    min: 0.0,
                                    max: f64::INFINITY,
                                },
                            );
                        }
                    }
                    (Err(ParseError::Empty), _) => {
                        s.errors.insert(format!("weight:{id}"), FieldError::Empty);
                    }
                    _ => {
                        s.errors
                            .insert(format!("weight:{id}"), FieldError::NotANumber);
                    }
                }
                s.drafts.insert(format!("weight:{id}"), text);
            }
            Action::SetNormalisation(n) => {
                s.scenarios
                    .entry(s.year)
                    .or_default()
                    .settings
                    .normalisation = n;
            }
            Action::SetAggregation(a) => {
                s.scenarios.entry(s.year).or_default().settings.aggregation = a;
            }
            Action::OfficialMethod => {
                s.scenarios.entry(s.year).or_default().settings = Default::default();
                s.drafts.retain(|k, _| !k.starts_with("weight:"));
                s.errors.retain(|k, _| !k.starts_with("weight:"));
            }
            Action::SaveCurrent(name) => {
                let name: String = name.trim().chars().take(MAX_NAME).collect();
                if name.is_empty() {
                    s.errors.insert("scenario-name".into(), FieldError::Empty);
                    return Rc::new(s);
                }
                s.errors.remove("scenario-name");
                let mut file = ScenarioFile::new(&name, s.year, &s.province, s.scenario());
                file.created = Some(now_iso());
                let id = new_id(&s.saved);
                s.shown_saved = Some(id.clone());
                s.saved.push(Saved { id, file });
                return Rc::new(s);
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
                return Rc::new(s);
            }
            Action::DuplicateSaved(id) => {
                if let Some(pos) = s.saved.iter().position(|x| x.id == id) {
                    let mut copy = s.saved[pos].clone();
                    copy.id = new_id(&s.saved);
                    copy.file.name = Msg::CopyName {
                        name: copy.file.name,
                    }
                    .text(s.lang)
                    .chars()
                    .take(MAX_NAME)
                    .collect();
                    s.saved.insert(pos + 1, copy);
                }
                return Rc::new(s);
            }
            Action::DeleteSaved(id) => {
                s.saved.retain(|x| x.id != id);
                s.compare.retain(|x| *x != id);
                return Rc::new(s);
            }
            Action::LoadSaved(id) => {
                if let Some(saved) = s.saved.iter().find(|x| x.id == id).cloned() {
                    s.show_file(&saved.file);
                    s.shown_saved = Some(id);
                }
            }
            Action::StepSaved(step) => {
                let n = s.saved.len() as i32;
                if n > 0 {
                    let cur = s
                        .shown_saved
                        .as_ref()
                        .and_then(|id| s.saved.iter().position(|x| &x.id == id));
                    let next = match cur {
                        Some(i) => (i as i32 + step).rem_euclid(n),
                        None if step >= 0 => 0,
                        None => n - 1,
                    } as usize;
                    let saved = s.saved[next].clone();
                    s.show_file(&saved.file);
                    s.shown_saved = Some(saved.id);
                }
            }
            Action::ToggleCompare(id) => {
                if let Some(pos) = s.compare.iter().position(|x| *x == id) {
                    s.compare.remove(pos);
                } else if s.compare.len() < MAX_COMPARE && s.saved.iter().any(|x| x.id == id) {
                    s.compare.push(id);
                }
                return Rc::new(s);
            }
            Action::AddScenarioFile(file) => {
                let id = new_id(&s.saved);
                s.show_file(&file);
                s.notice = Some(Notice::ScenarioImported(file.name.clone()));
                s.saved.push(Saved {
                    id: id.clone(),
                    file,
                });
                s.shown_saved = Some(id);
            }
            Action::StoreFailed => {
                s.notice = Some(Notice::StoreFailed);
                return Rc::new(s);
            }
            Action::DataRead(year, result) => {
                match result {
                    Ok(preview) => {
                        s.pending_import = Some((year, preview));
                        s.import_errors.clear();
                    }
                    Err(errors) => {
                        s.pending_import = None;
                        s.import_errors = errors;
                    }
                }
                return Rc::new(s);
            }
            Action::CancelImport => {
                s.pending_import = None;
                return Rc::new(s);
            }
            Action::ConfirmImport => {
                if let Some((year, preview)) = s.pending_import.take() {
                    let mut cells = s.imported.get(&year).cloned().unwrap_or_default();
                    for c in &preview.changes {
                        cells.retain(|(p, i, _)| !(p == &c.province && i == &c.indicator));
                        cells.push((c.province.clone(), c.indicator.clone(), c.new));
                    }
                    // The preview was checked against this edition, so this cannot fail.
                    let _ = s.import_cells(year, cells);
                }
            }
            Action::RestoreBuiltin => {
                let _ = s.import_cells(s.year, Vec::new());
            }
            Action::FileRejected(msg) => {
                s.notice = Some(Notice::FileRejected(msg));
                return Rc::new(s);
            }
            Action::TogglePresent => {
                s.present = !s.present;
                return Rc::new(s);
            }
            Action::ToggleHelp => {
                s.help = !s.help;
                return Rc::new(s);
            }
            Action::CloseHelp => {
                s.help = false;
                return Rc::new(s);
            }
        }
        s.recompute();
        Rc::new(s)
    }
}
