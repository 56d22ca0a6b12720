-- lesson.lua: a pandoc filter that turns lessons/README.md's "The lesson
-- format" into the body of finwave-lesson(5). Code is shown as man pages
-- show literal text: inline code in bold, code blocks as unfilled text
-- (pandoc's own \f[C] and \f[V] fonts are not fonts mandoc knows). The
-- headings move up two levels: "### Lines" becomes a section (.SH), a
-- deeper one a subsection (.SS).

-- Inline code: bold, as the man convention has literal text.
function Code(el)
	return pandoc.Strong({ pandoc.Str(el.text) })
end

-- roff: a backslash written out, and a line that starts with a control
-- character kept as text.
local function roff_line(line)
	line = line:gsub("\\", "\\e")
	if line:match("^[.']") then
		line = "\\&" .. line
	end
	return line
end

-- A code block: indented, unfilled, in the normal font.
function CodeBlock(el)
	local lines = {}
	for line in (el.text .. "\n"):gmatch("(.-)\n") do
		lines[#lines + 1] = roff_line(line)
	end
	return pandoc.RawBlock("man", ".PP\n.RS 4\n.nf\n" ..
	    table.concat(lines, "\n") .. "\n.fi\n.RE")
end

-- Headings: level 3 becomes a section, in capitals as man pages have
-- them (literal text, already bold, kept as it is), level 4 and below a
-- subsection.
function Header(el)
	el.level = math.max(1, el.level - 2)
	if el.level == 1 then
		for i, inline in ipairs(el.content) do
			if inline.t == "Str" then
				el.content[i] = pandoc.Str(pandoc.text.upper(inline.text))
			end
		end
	end
	return el
end

-- A table: the first column (a directive, a key, an action) as wide as
-- its longest entry, within reason; the other columns share the rest, so
-- the explanations are not squeezed into half the page; the widths add
-- up to less than the page, which also holds the gaps between columns.
function Table(el)
	local simple = pandoc.utils.to_simple_table(el)
	local n = #simple.widths
	local first = 0
	for _, row in ipairs(simple.rows) do
		first = math.max(first, utf8.len(pandoc.utils.stringify(row[1])))
	end
	first = math.min((first + 2) / 78, 0.36)
	local widths = { first }
	for i = 2, n do
		widths[i] = (0.9 - first) / (n - 1)
	end
	simple.widths = widths
	return pandoc.utils.from_simple_table(simple)
end
