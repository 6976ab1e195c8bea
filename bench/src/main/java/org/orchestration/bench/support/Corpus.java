package org.orchestration.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generated text with a Zipf-like word distribution (a few words are very common, most are rare),
 * so keyword search sees long and short posting lists as in real prose. Seeded: every run
 * generates the same corpus.
 */
public final class Corpus {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "to", "va", "shi", "dor", "pel", "qua",
        "zen", "bri", "mo", "tal", "ux", "fen", "gra", "hul", "ix", "nor", "sap", "tre", "wyn", "yor"};
    private static final String[] COMMON = {"the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "with",
        "as", "on", "be", "by", "this", "are", "from", "or", "an", "task", "plan", "budget", "model", "search",
        "index", "project", "executor", "request", "token", "event", "server", "client", "value", "result"};

    private final Random random;
    private final String[] vocabulary;
    private final double[] cumulative;

    public Corpus(long seed, int vocabularySize) {
        this.random = new Random(seed);
        List<String> words = new ArrayList<>(List.of(COMMON));
        while (words.size() < vocabularySize) {
            int n = 2 + random.nextInt(3);
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < n; i++) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words.add(w.toString());
        }
        vocabulary = words.toArray(String[]::new);
        cumulative = new double[vocabulary.length];
        double sum = 0;
        for (int i = 0; i < vocabulary.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    public String word() {
        double u = random.nextDouble();
        int i = Arrays.binarySearch(cumulative, u);
        return vocabulary[Math.min(vocabulary.length - 1, i >= 0 ? i : -i - 1)];
    }

    /** A word from the rarer part of the vocabulary: queries name topics, not stop words. */
    public String topicWord() {
        return vocabulary[COMMON.length + random.nextInt(Math.min(400, vocabulary.length - COMMON.length))];
    }

    public String sentence(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = word();
            sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w).append(i + 1 < words ? " " : ".");
        }
        return sb.toString();
    }

    /** About {@code chars} characters of prose in sentences. */
    public String paragraph(int chars) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < chars) {
            sb.append(sentence(6 + random.nextInt(10))).append(' ');
        }
        return sb.toString().strip();
    }

    public String query() {
        int n = 2 + random.nextInt(4);
        StringBuilder sb = new StringBuilder(topicWord());
        for (int i = 1; i < n; i++) {
            sb.append(' ').append(i % 2 == 0 ? topicWord() : word());
        }
        return sb.toString();
    }

    /** A random unit vector of {@code dims} floats. */
    public float[] unitVector(int dims) {
        float[] v = new float[dims];
        double sum = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < dims; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Writes {@code files} markdown files of {@code sections} headed sections (~{@code chars} each) into {@code dir}. */
    public void writeMarkdown(Path dir, int files, int sections, int chars) throws IOException {
        Files.createDirectories(dir);
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder("# ").append(sentence(4)).append("\n\n");
            for (int s = 0; s < sections; s++) {
                sb.append("## ").append(sentence(3)).append("\n\n").append(paragraph(chars)).append("\n\n");
            }
            Files.writeString(dir.resolve("doc-" + f + ".md"), sb.toString());
        }
    }
}
