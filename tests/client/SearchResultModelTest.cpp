#include "SearchResultModel.h"

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

TEST(SearchResultModel, WordsSearchedForAreInBoldWhateverTheirCaseAndAccents)
{
    EXPECT_EQ(SearchResultModel::highlighted(u"Học tiếng Việt"_s, u"tieng viet"_s),
              u"Học <b>tiếng</b> <b>Việt</b>"_s);
    EXPECT_EQ(SearchResultModel::highlighted(u"Crème brûlée"_s, u"CREME"_s), u"<b>Crème</b> brûlée"_s);
    // As the index matches: at the start of a word only.
    EXPECT_EQ(SearchResultModel::highlighted(u"homework, rehomed"_s, u"home"_s),
              u"<b>home</b>work, rehomed"_s);
}

TEST(SearchResultModel, TheRestIsEscapedAndNothingIsLost)
{
    EXPECT_EQ(SearchResultModel::highlighted(u"<b>a</b> & é\nnext"_s, u"next"_s),
              u"&lt;b&gt;a&lt;/b&gt; &amp; é<br><b>next</b>"_s);
    EXPECT_EQ(SearchResultModel::highlighted(u"😀 smile 😀"_s, u"smile"_s), u"😀 <b>smile</b> 😀"_s);
    EXPECT_EQ(SearchResultModel::highlighted(u"a+b (c)"_s, u"(c"_s), u"a+b (c)"_s);
    EXPECT_EQ(SearchResultModel::highlighted(u"text"_s, u"  "_s), u"text"_s);
}

TEST(SearchResultModel, AnEarlierSearchsAnswerIsNotThisOnes)
{
    SearchResultModel model;
    model.start(u"viet"_s);
    EXPECT_TRUE(model.isBusy());
    Protocol::SearchResults stale;
    stale.query = u"other"_s;
    stale.messages.append(Protocol::ChatMessage{});
    model.append(stale, [](const QString &) { return QString(); });
    EXPECT_EQ(model.rowCount(), 0);

    Protocol::SearchResults results;
    results.query = u"viet"_s;
    Protocol::ChatMessage chat;
    chat.seq = 7;
    chat.conversation = u"general"_s;
    chat.text = u"tiếng Việt"_s;
    results.messages.append(chat);
    model.append(results, [](const QString &id) -> QString { return u"#"_s + id; });
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_FALSE(model.isBusy());
    const QModelIndex first = model.index(0);
    EXPECT_EQ(first.data(SearchResultModel::HtmlRole).toString(), u"tiếng <b>Việt</b>"_s);
    EXPECT_EQ(first.data(SearchResultModel::ConversationTitleRole).toString(), u"#general"_s);
    EXPECT_EQ(first.data(SearchResultModel::SeqRole).toLongLong(), 7);
}
