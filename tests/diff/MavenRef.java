// SPDX-License-Identifier: Apache-2.0
// Reference for the Maven differential test: ComparableVersion from
// Debian's maven-artifact. Reads "A<TAB>B" lines, prints <, = or >.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import org.apache.maven.artifact.versioning.ComparableVersion;

public class MavenRef {
    public static void main(String[] args) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = r.readLine()) != null) {
            int t = line.indexOf('\t');
            int c = new ComparableVersion(line.substring(0, t))
                        .compareTo(new ComparableVersion(line.substring(t + 1)));
            out.append(c < 0 ? "<" : c > 0 ? ">" : "=").append('\n');
        }
        System.out.print(out);
    }
}
