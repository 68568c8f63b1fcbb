#include "Avatars.h"

#include <QStringList>
#include <QTextBoundaryFinder>

namespace {
QString firstCharacter(const QString &word)
{
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, word);
    const qsizetype end = graphemes.toNextBoundary();
    return word.left(end > 0 ? end : word.size());
}
} // namespace

QString Avatars::initials(const QString &name)
{
    QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // Words that start with a letter or a digit, if there are any ("😀 Bob" is "B").
    const QStringList named = [&] {
        QStringList result;
        for (const QString &word : std::as_const(words)) {
            const char32_t first = word.size() > 1 && word.at(0).isHighSurrogate()
                                       ? QChar::surrogateToUcs4(word.at(0), word.at(1))
                                       : word.at(0).unicode();
            if (QChar::isLetterOrNumber(first))
                result.append(word);
        }
        return result;
    }();
    if (!named.isEmpty())
        words = named;
    if (words.isEmpty())
        return {};
    QString result = firstCharacter(words.constFirst()).toUpper();
    if (words.size() > 1)
        result += firstCharacter(words.constLast()).toUpper();
    return result;
}

int Avatars::colorIndex(const QString &memberId, int count)
{
    if (count <= 0)
        return 0;
    // FNV-1a: qHash is seeded differently in every process, and a colour must not change.
    quint32 hash = 2166136261u;
    for (const QChar c : memberId) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return int(hash % quint32(count));
}
