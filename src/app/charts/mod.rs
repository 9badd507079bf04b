//! Charts drawn with plotters on a canvas. Each drawing function is a pure function of
//! (data, size, language, theme) in `draw.rs`; `canvas.rs` is the component that sizes the
//! canvas for the screen's pixel ratio (HiDPI laptops, projectors) and redraws on change.

pub mod canvas;
pub mod draw;
pub mod panel;

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
    pub fn bg(&self) -> RGBColor {
        if self.dark {
            RGBColor(13, 13, 13)
        } else {
            RGBColor(255, 255, 255)
        }
    }
    pub fn ink(&self) -> RGBColor {
        if self.dark {
            RGBColor(255, 255, 255)
        } else {
            RGBColor(27, 31, 36)
        }
    }
    pub fn muted(&self) -> RGBColor {
        if self.dark {
            RGBColor(190, 190, 190)
        } else {
            RGBColor(110, 118, 128)
        }
    }
    pub fn grid(&self) -> RGBColor {
        if self.dark {
            RGBColor(70, 70, 70)
        } else {
            RGBColor(225, 229, 234)
        }
    }
    /// The scenario colour.
    pub fn accent(&self) -> RGBColor {
        if self.dark {
            RGBColor(124, 196, 255)
        } else {
            RGBColor(11, 92, 173)
        }
    }
    /// The baseline colour.
    pub fn base(&self) -> RGBColor {
        if self.dark {
            RGBColor(150, 150, 150)
        } else {
            RGBColor(176, 186, 198)
        }
    }
    pub fn up(&self) -> RGBColor {
        if self.dark {
            RGBColor(95, 227, 154)
        } else {
            RGBColor(10, 122, 61)
        }
    }
    pub fn down(&self) -> RGBColor {
        if self.dark {
            RGBColor(255, 138, 128)
        } else {
            RGBColor(180, 35, 24)
        }
    }
    pub fn highlight(&self) -> RGBColor {
        if self.dark {
            RGBColor(255, 210, 122)
        } else {
            RGBColor(232, 163, 61)
        }
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
