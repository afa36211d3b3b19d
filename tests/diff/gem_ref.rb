# SPDX-License-Identifier: Apache-2.0
# Reference for the RubyGems differential test: Gem::Version.
# Reads "A<TAB>B" lines, prints <, = or >, or "! refused".
out = []
$stdin.each_line do |line|
  a, b = line.chomp("\n").split("\t", 2)
  begin
    c = Gem::Version.new(a) <=> Gem::Version.new(b)
    out << (c < 0 ? "<" : c > 0 ? ">" : "=")
  rescue ArgumentError
    out << "! refused"
  end
end
puts out
