//! The one app state and its reducer: the only place state changes (Yew todomvc shape).

use std::collections::BTreeMap;
use std::rc::Rc;

use ict_engine::dataset::validate_value;
use ict_engine::numfmt::{parse, ParseError};
use ict_engine::presets::Preset;
use ict_engine::{builtin, EngineError, Model, Results, Scenario};
use yew::Reducible;

use super::i18n::Lang;
use super::url::UrlState;

/// The built-in editions, their baselines and the presets: loaded once.
#[derive(Debug)]
pub struct Editions {
    /// Newest first.
    pub models: Vec<Rc<Model>>,
    pub baselines: Vec<Rc<Results>>,
    pub presets: Vec<Preset>,
}

impl PartialEq for Editions {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Editions {
    pub fn load() -> Result<Self, EngineError> {
        let mut models = Vec::new();
        let mut baselines = Vec::new();
        for year in builtin::years() {
            let model = builtin::model(year)?;
            baselines.push(Rc::new(model.evaluate(&Scenario::default())?));
            models.push(Rc::new(model));
        }
        Ok(Editions {
            models,
            baselines,
            presets: builtin::presets()?,
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
}

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
}

impl AppState {
    pub fn new(editions: Rc<Editions>, url: Option<Result<UrlState, ()>>, present: bool) -> Self {
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
        };
        if state.editions.position(state.year).is_none() {
            state.year = state.editions.models[0].year();
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

    fn recompute(&mut self) {
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
