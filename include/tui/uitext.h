/*
 * uitext.h: the interface's own words in English and Simplified Chinese.
 * Lesson texts come from the lessons; these are the frame around them.
 */
#ifndef UITEXT_H
#define UITEXT_H

#include <stddef.h>

#include "lesson/lesson.h"

enum ui_msg {
	UI_APP_TITLE,
	UI_CHAPTER,		/* %d */
	UI_CHAPTER_TITLED,	/* %d %s */
	UI_FILTER,
	UI_NO_MATCH,
	UI_CHAPTER_OWN,		/* a teacher's lessons naming no chapter */
	UI_CHAPTER_SHARED,	/* a course's lessons naming no chapter */
	UI_SKIPPED_ONE,
	UI_SKIPPED_MANY,	/* %d */
	UI_SKIPPED_TITLE,
	UI_TOO_SMALL,		/* %d %d %d %d */
	UI_TOO_SMALL_SHORT,	/* %d %d %d %d */
	UI_TOO_SMALL_TINY,	/* %d %d (and two more, unused) */
	UI_K_MOVE, UI_K_OPEN, UI_K_FILTER, UI_K_LANG, UI_K_HELP, UI_K_QUIT,
	UI_K_BACK, UI_K_SELECT, UI_K_LOG, UI_K_DIAGRAM,
	UI_K_SPEED, UI_K_PAUSE, UI_K_RESTART, UI_K_MENU, UI_K_GUESS,
	UI_K_RUN_STEP,
	UI_K_NEXT,
	UI_K_YES_RESTART,
	UI_K_DELIVER,
	UI_K_DROP,
	UI_K_WIRE_ON,
	UI_K_WIRE_OFF,
	UI_K_ENDPOINT, UI_K_CLOSE, UI_K_SHUTDOWN, UI_K_LINGER, UI_K_KILL,
	UI_K_SEND, UI_K_RECV, UI_K_CANCEL, UI_K_SCROLL,
	UI_K_PRESENTER, UI_K_PRESENTER_OFF,
	UI_K_SHUT_RD, UI_K_SHUT_WR, UI_K_SHUT_RDWR,
	UI_MSG_MOUSE_ON,
	UI_MSG_MOUSE_OFF,
	UI_PID,			/* %d */
	UI_RUNNING,
	UI_NOT_STARTED,
	UI_EXITED,		/* %d */
	UI_KILLED,		/* %s */
	UI_NO_SOCKET,
	UI_SRC_KERNEL,
	UI_SRC_WIRE,
	UI_SRC_LISTEN,
	UI_SHARED,
	UI_CONN_NUMBER,		/* %d */
	UI_TIME_LEFT,		/* %s %s */
	UI_TIME_LEFT_SHORT,	/* %s %s */
	UI_TL_COUNT,		/* %u */
	UI_TL_RTO,		/* %s */
	UI_TL_NOTE,		/* %s %s */
	UI_TL_KERNEL,		/* %s %d %u */
	UI_TL_KERNEL_NONE,
	UI_TL_TCPINFO,		/* %u %u %u */
	UI_TL_OUTSTANDING,	/* %s %u %u */
	UI_TL_NO_TCPINFO,
	UI_TL_THEN_TIMEWAIT,	/* %u */
	UI_TQ_LONG,		/* %u %s %u %s */
	UI_TQ_SHORT,		/* %u %s %u %s */
	UI_TQ_TINY,		/* %u %s %u %s */
	UI_TQ_FIN,
	UI_LAST_CALL,
	UI_LISTENING,		/* %d */
	UI_LISTEN_QUEUE,	/* %d %u %u */
	UI_LISTEN_QUEUE_SHORT,	/* %d %u %u */
	UI_LISTEN_QUEUE_TINY,	/* %d %u %u */
	UI_SOCKETS,		/* %zu */
	UI_WIRE,
	UI_CONN_LEGEND,
	UI_WIRE_STEPPING,	/* %zu */
	UI_WIRE_STEPPING_SHORT,	/* %zu */
	UI_HELD,
	UI_DROPPED,
	UI_NO_SEGMENTS,
	UI_HELD_N,		/* %zu */
	UI_LOST_N,		/* %zu */
	UI_HELD_LOST,		/* %zu held, %zu lost */
	UI_LANE_SECONDS,
	UI_SEG_WIRE_TAKEN,	/* %.3f s, %zu held, %zu dropped */
	UI_SEG_WIRE_DROPPED,	/* %.3f s */
	UI_STEP,		/* %zu %zu %s */
	UI_WORKING,
	UI_GUESS_RIGHT,		/* %c %s */
	UI_GUESS_WRONG,		/* %c %c %s */
	UI_ANSWER_IS,		/* %c %s */
	UI_GUESS_PROMPT,	/* %zu %s */
	UI_STOPPED_AT_QUESTION,	/* %zu %s */
	UI_KEY_SPACE,
	UI_CHOICE_GUESSED,	/* %s */
	UI_END_COMPLETE,	/* %d */
	UI_END_COMPLETE_GUESSES, /* %d %d %d */
	UI_END_INCOMPLETE,	/* %d %d %d */
	UI_END_INCOMPLETE_GUESSES, /* %d %d %d %d %d */
	UI_END_NEXT,		/* %s */
	UI_END_OFFER,
	UI_CONFIRM_RESTART,
	UI_DEADLINE,		/* %d %s */
	UI_DEADLINE_MISSED,	/* %s */
	UI_DEADLINE_OVER,	/* %s %s */
	UI_DEADLINE_ENDING,	/* %s %s */
	UI_DEADLINE_GONE,	/* %s %s */
	UI_UNEXPECTED,
	UI_NOT_REACHED,
	UI_STEP_TALLY,		/* %d %d */
	UI_FREE_PLAY,
	UI_SANDBOX,
	UI_LOOKING_BACK,	/* %s */
	UI_SETUP_DONE,		/* what "looking back" names before step 1 */
	UI_LAB_FAILED,
	UI_SEG_HEADING,		/* %s %s %s %s */
	UI_LIST_SEP,
	UI_SEG_CAUSE_CALL,	/* %s %s */
	UI_SEG_CAUSE_SEG,	/* %s */
	UI_SEG_CAUSE_KERNEL,
	UI_SEG_CAUSE_WIRE,	/* %f %f */
	UI_SEG_WIN_SHIFT,	/* %u %d */
	UI_SEG_WIN_SYN,
	UI_SEG_WIN_OFF,
	UI_SEG_WIN_UNKNOWN,
	UI_SEG_WSCALE,		/* %d */
	UI_SEG_NO_WSCALE,
	UI_SEG_SACK_OK,
	UI_LOG_TITLE,
	UI_DIAGRAM_TITLE,
	UI_HELP_TITLE,
	UI_HELP_TEXT,
	UI_MENU_HELP,
	UI_PAUSED,
	UI_ROLE_SERVER,
	UI_ROLE_CLIENT,
	UI_ROLE_CHILD,		/* %s */
	UI_SAVED,
	UI_MSG_WAIT,
	UI_MSG_QUEUED,
	UI_MSG_KEY,		/* %c */
	UI_MSG_LOOKING_BACK,
	UI_MSG_DEAD,		/* %s */
	UI_MSG_TOO_EARLY,
	UI_MSG_LAST_LESSON,
	UI_MSG_NO_UTF8,
	UI_MSG_TRADITIONAL,
	UI_MSG_SAVE_FAILED,	/* %s */
	UI_MSG_RUN_SAVED,	/* %s */
	UI_MSG_RUN_NOT_SAVED,	/* %s */
	UI_MSG_NOTHING_TO_SAVE,
	UI_GUESSES_HEAD,	/* %s */
	UI_GUESS_ANSWER,
	UI_GUESS_TALLY,		/* %c %c %s */
	UI_GUESS_WAS_RIGHT,
	UI_GUESS_WAS_WRONG,
	UI_GUESS_NOT_RUN,
	UI_MSG_STEPPING_ON,
	UI_MSG_STEPPING_OFF,
	UI_MSG_NO_WIRE,		/* %s */
	UI_COUNT
};

/* The words of a message in a language (a printf format where marked). */
const char	*uitext(enum ui_msg, enum lang);
/* A marked message with its values, written into buf; returns buf. */
const char	*uitextf(char *buf, size_t len, enum ui_msg, enum lang, ...);

#endif
