# SPDX-License-Identifier: Apache-2.0
# Reference for the RubyGems differential tests. Reads "A<TAB>B" lines.
# Without arguments A and B are versions: prints <, = or > (Gem::Version).
# With "requirement" A is a requirement, its comma-separated parts the
# arguments of Gem::Requirement.new: prints 1 or 0 (satisfied_by?).
# Either prints "! refused" when RubyGems raises.
requirement = ARGV[0] == "requirement"
out = []
$stdin.each_line do |line|
  a, b = line.chomp("\n").split("\t", 2)
  begin
    if requirement
      parts = a.split(",", -1)
      parts = [a] if parts.empty? # "" is one (ill-formed) requirement
      r = Gem::Requirement.new(*parts)
      out << (r.satisfied_by?(Gem::Version.new(b)) ? "1" : "0")
    else
      c = Gem::Version.new(a) <=> Gem::Version.new(b)
      out << (c < 0 ? "<" : c > 0 ? ">" : "=")
    end
  rescue ArgumentError
    out << "! refused"
  end
end
puts out
