/*
 * keys.h: the keys the screens understand, as the program's own codes: a
 * character is its code point; a special key is one of these, above every
 * code point, so no character can be mistaken for one. ui.c alone turns
 * curses' keys, and its mouse events, into them.
 */
#ifndef KEYS_H
#define KEYS_H

enum keys {
	KEYS_TAB = '\t',
	KEYS_ENTER = '\n',	/* Return and Enter */
	KEYS_ESC = 27,
	KEYS_BACKSPACE = 127,	/* Backspace, DEL and ^H */
	KEYS_UP = 0x110000,
	KEYS_DOWN,
	KEYS_LEFT,
	KEYS_RIGHT,
	KEYS_PAGE_UP,
	KEYS_PAGE_DOWN,
	KEYS_HOME,
	KEYS_END,
	KEYS_OTHER		/* a function key no screen knows */
};

/* What the mouse did, in the program's own codes (ui.c turns curses'
 * mouse events into them): a left click, or the wheel turned. */
enum keys_mouse {
	KEYS_CLICK,
	KEYS_WHEEL_UP,
	KEYS_WHEEL_DOWN
};

#endif
