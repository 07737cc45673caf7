//! Excel's keyboard, as a pure mapping from a key event to a grid action.
//!
//! Letter shortcuts match on `key` (the character the layout produces: AZERTY's Ctrl+Z is
//! `z` wherever the key sits) and fall back on `code` only when the layout gives no Latin
//! letter (Cyrillic, Arabic, …), as Excel does. Key events that belong to an IME composition
//! never reach this mapping (the view drops them).

/// A key press as the browser reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPress<'a> {
    pub key: &'a str,
    pub code: &'a str,
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
}

/// Where a movement goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
    /// Ctrl+arrow: to the edge of the data block.
    EdgeUp,
    EdgeDown,
    EdgeLeft,
    EdgeRight,
    Home,
    End,
    /// Ctrl+Home, Ctrl+End.
    First,
    Last,
    PageUp,
    PageDown,
}

/// What a key does while the grid is navigating (not editing a cell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the active cell; `extend` keeps the anchor (Shift).
    Move {
        to: Move,
        extend: bool,
    },
    /// Enter/Tab: commit nothing, move (Enter down, Shift+Enter up, Tab right, Shift+Tab left).
    Next(Move),
    SelectAll,
    Edit,
    Clear,
    FillDown,
    Undo,
    Redo,
    /// Esc: drop the range, keep the active cell.
    Collapse,
    /// Not ours: let the browser have it (typing goes to the editor; Ctrl+C/V/X arrive as
    /// clipboard events).
    None,
}

/// What a key does while a cell is being edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditAction {
    /// Commit the value, then move.
    Commit(Move),
    Cancel,
    /// Let the input handle it (caret moves, characters).
    None,
}

/// The Latin letter a shortcut means: from `key` when it is one, else from `code` (`KeyZ`).
pub fn letter(k: &KeyPress) -> Option<char> {
    let mut chars = k.key.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_alphabetic() {
            return Some(c.to_ascii_lowercase());
        }
    }
    k.code
        .strip_prefix("Key")
        .and_then(|s| s.chars().next())
        .map(|c| c.to_ascii_lowercase())
}

fn arrow(key: &str, ctrl: bool) -> Option<Move> {
    Some(match (key, ctrl) {
        ("ArrowUp", false) => Move::Up,
        ("ArrowDown", false) => Move::Down,
        ("ArrowLeft", false) => Move::Left,
        ("ArrowRight", false) => Move::Right,
        ("ArrowUp", true) => Move::EdgeUp,
        ("ArrowDown", true) => Move::EdgeDown,
        ("ArrowLeft", true) => Move::EdgeLeft,
        ("ArrowRight", true) => Move::EdgeRight,
        _ => return None,
    })
}

/// The action of a key while navigating.
pub fn navigate(k: &KeyPress) -> Action {
    if let Some(to) = arrow(k.key, k.ctrl) {
        return Action::Move {
            to,
            extend: k.shift,
        };
    }
    let moved = |to| Action::Move {
        to,
        extend: k.shift,
    };
    match k.key {
        "Home" => return moved(if k.ctrl { Move::First } else { Move::Home }),
        "End" => return moved(if k.ctrl { Move::Last } else { Move::End }),
        "PageUp" => return moved(Move::PageUp),
        "PageDown" => return moved(Move::PageDown),
        "Enter" if !k.ctrl && !k.alt => {
            return Action::Next(if k.shift { Move::Up } else { Move::Down })
        }
        "Tab" if !k.ctrl && !k.alt => {
            return Action::Next(if k.shift { Move::Left } else { Move::Right })
        }
        "F2" => return Action::Edit,
        "Delete" | "Backspace" if !k.ctrl && !k.alt => return Action::Clear,
        "Escape" => return Action::Collapse,
        _ => {}
    }
    if k.ctrl && !k.alt {
        return match letter(k) {
            Some('a') => Action::SelectAll,
            Some('d') => Action::FillDown,
            Some('z') if k.shift => Action::Redo,
            Some('z') => Action::Undo,
            Some('y') => Action::Redo,
            _ => Action::None,
        };
    }
    Action::None
}

/// The action of a key while editing. `typed` is true when the edit began by typing over
/// the cell (Excel's Enter mode: arrows commit and move); false after F2 or a double click
/// (Edit mode: arrows move the caret).
pub fn editing(k: &KeyPress, typed: bool) -> EditAction {
    match k.key {
        "Enter" if !k.alt => EditAction::Commit(if k.shift { Move::Up } else { Move::Down }),
        "Tab" => EditAction::Commit(if k.shift { Move::Left } else { Move::Right }),
        "Escape" => EditAction::Cancel,
        _ if typed && !k.shift => match arrow(k.key, false) {
            Some(m) if !k.ctrl => EditAction::Commit(m),
            _ => EditAction::None,
        },
        _ => EditAction::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(key: &'a str, code: &'a str, ctrl: bool, shift: bool) -> KeyPress<'a> {
        KeyPress {
            key,
            code,
            ctrl,
            shift,
            alt: false,
        }
    }

    #[test]
    fn shortcuts_follow_the_layout() {
        let table = [
            // QWERTY
            (key("z", "KeyZ", true, false), Action::Undo),
            (key("y", "KeyY", true, false), Action::Redo),
            (key("Z", "KeyZ", true, true), Action::Redo),
            // AZERTY: the key labelled Z sits where QWERTY has W.
            (key("z", "KeyW", true, false), Action::Undo),
            (key("w", "KeyZ", true, false), Action::None),
            // QWERTZ: Y and Z swapped.
            (key("y", "KeyZ", true, false), Action::Redo),
            // Cyrillic: no Latin letter, the physical key decides.
            (key("я", "KeyZ", true, false), Action::Undo),
            (key("в", "KeyD", true, false), Action::FillDown),
            (key("ф", "KeyA", true, false), Action::SelectAll),
            (key("a", "KeyQ", true, false), Action::SelectAll),
        ];
        for (k, want) in table {
            assert_eq!(navigate(&k), want, "{k:?}");
        }
    }

    #[test]
    fn movement() {
        let table = [
            (
                key("ArrowDown", "ArrowDown", false, false),
                Action::Move {
                    to: Move::Down,
                    extend: false,
                },
            ),
            (
                key("ArrowDown", "ArrowDown", false, true),
                Action::Move {
                    to: Move::Down,
                    extend: true,
                },
            ),
            (
                key("ArrowRight", "ArrowRight", true, false),
                Action::Move {
                    to: Move::EdgeRight,
                    extend: false,
                },
            ),
            (
                key("ArrowUp", "ArrowUp", true, true),
                Action::Move {
                    to: Move::EdgeUp,
                    extend: true,
                },
            ),
            (
                key("Home", "Home", true, false),
                Action::Move {
                    to: Move::First,
                    extend: false,
                },
            ),
            (
                key("End", "End", false, false),
                Action::Move {
                    to: Move::End,
                    extend: false,
                },
            ),
            (
                key("PageDown", "PageDown", false, false),
                Action::Move {
                    to: Move::PageDown,
                    extend: false,
                },
            ),
            (
                key("Enter", "Enter", false, false),
                Action::Next(Move::Down),
            ),
            (
                key("Enter", "NumpadEnter", false, true),
                Action::Next(Move::Up),
            ),
            (key("Tab", "Tab", false, true), Action::Next(Move::Left)),
            (key("F2", "F2", false, false), Action::Edit),
            (key("Delete", "Delete", false, false), Action::Clear),
            (key("Escape", "Escape", false, false), Action::Collapse),
            (key("x", "KeyX", false, false), Action::None),
            (key("c", "KeyC", true, false), Action::None),
        ];
        for (k, want) in table {
            assert_eq!(navigate(&k), want, "{k:?}");
        }
    }

    #[test]
    fn editing_modes() {
        let down = key("ArrowDown", "ArrowDown", false, false);
        assert_eq!(editing(&down, true), EditAction::Commit(Move::Down));
        assert_eq!(editing(&down, false), EditAction::None);
        let left = key("ArrowLeft", "ArrowLeft", false, false);
        assert_eq!(editing(&left, false), EditAction::None);
        assert_eq!(
            editing(&key("Enter", "Enter", false, true), false),
            EditAction::Commit(Move::Up)
        );
        assert_eq!(
            editing(&key("Tab", "Tab", false, false), false),
            EditAction::Commit(Move::Right)
        );
        assert_eq!(
            editing(&key("Escape", "Escape", false, false), true),
            EditAction::Cancel
        );
        assert_eq!(
            editing(&key("a", "KeyA", false, false), true),
            EditAction::None
        );
    }
}
