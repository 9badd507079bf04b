//! Charts drawn with plotters on a canvas. Each drawing function is a pure function of
//! (data, size, language, theme) in `draw.rs`; `canvas.rs` is the component that sizes the
//! canvas for the screen's pixel ratio (HiDPI laptops, projectors) and redraws on change.

pub mod canvas;
pub mod draw;
pub mod map;
pub mod map_panel;
pub mod panel;
pub mod ranking_chart;

use ict_engine::numfmt::Lang;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Sizes, fonts and colours for one drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Presentation mode: dark background, high contrast.
    pub dark: bool,
    pub lang: Lang,
}

impl Theme {
    /// CSS pixels → device pixels.
    pub fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }
    /// The light-theme colour, or the dark one in presentation mode.
    fn pick(&self, light: (u8, u8, u8), dark: (u8, u8, u8)) -> RGBColor {
        let (r, g, b) = if self.dark { dark } else { light };
        RGBColor(r, g, b)
    }
    pub fn bg(&self) -> RGBColor {
        self.pick((255, 255, 255), (13, 13, 13))
    }
    pub fn ink(&self) -> RGBColor {
        self.pick((27, 31, 36), (255, 255, 255))
    }
    pub fn muted(&self) -> RGBColor {
        self.pick((110, 118, 128), (190, 190, 190))
    }
    pub fn grid(&self) -> RGBColor {
        self.pick((225, 229, 234), (70, 70, 70))
    }
    /// The scenario colour.
    pub fn accent(&self) -> RGBColor {
        self.pick((11, 92, 173), (124, 196, 255))
    }
    /// The baseline colour.
    pub fn base(&self) -> RGBColor {
        self.pick((176, 186, 198), (150, 150, 150))
    }
    pub fn up(&self) -> RGBColor {
        self.pick((10, 122, 61), (95, 227, 154))
    }
    pub fn down(&self) -> RGBColor {
        self.pick((180, 35, 24), (255, 138, 128))
    }
    pub fn highlight(&self) -> RGBColor {
        self.pick((232, 163, 61), (255, 210, 122))
    }
    /// A font of `size` CSS pixels.
    pub fn font(&self, size: f64, color: RGBColor) -> TextStyle<'static> {
        TextStyle {
            font: ("sans-serif", size * self.scale).into_font(),
            color: color.to_backend_color(),
            pos: Pos::new(HPos::Left, VPos::Top),
        }
    }
    /// The same, anchored.
    pub fn font_at(&self, size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
        self.font(size, color).pos(Pos::new(h, v))
    }
}
