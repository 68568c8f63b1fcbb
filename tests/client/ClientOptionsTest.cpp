#include "ClientOptions.h"

#include <gtest/gtest.h>

using namespace Qt::Literals::StringLiterals;

namespace {
ClientOptions::Outcome parse(ClientOptions &options, QStringList arguments)
{
    arguments.prepend(u"parley"_s);
    return options.parse(arguments);
}
} // namespace

TEST(ClientOptions, NoArgumentsShowTheStartPage)
{
    ClientOptions options;
    ASSERT_EQ(parse(options, {}), ClientOptions::Outcome::Run);
    EXPECT_EQ(options.action(), ClientOptions::Action::ShowStartPage);
}

TEST(ClientOptions, ConnectJoinsDirectly)
{
    ClientOptions options;
    ASSERT_EQ(parse(options, {u"--connect"_s, u"ws://10.0.0.5:47800/"_s, u"--name"_s, u" Bob "_s}),
              ClientOptions::Outcome::Run)
        << options.errorText().toStdString();
    EXPECT_EQ(options.action(), ClientOptions::Action::Join);
    EXPECT_EQ(options.connectUrl(), QUrl(u"ws://10.0.0.5:47800/"_s));
    EXPECT_EQ(options.name(), u"Bob"_s);
}

TEST(ClientOptions, HostHostsDirectly)
{
    ClientOptions options;
    ASSERT_EQ(
        parse(options, {u"--host"_s, u"--room"_s, u"Lab 3"_s, u"--port"_s, u"0"_s, u"--lang"_s, u"vi"_s}),
        ClientOptions::Outcome::Run)
        << options.errorText().toStdString();
    EXPECT_EQ(options.action(), ClientOptions::Action::Host);
    EXPECT_EQ(options.roomName(), u"Lab 3"_s);
    EXPECT_EQ(options.port(), 0);
    EXPECT_EQ(options.language(), u"vi"_s);
    EXPECT_FALSE(options.encrypted());

    ClientOptions encrypted;
    ASSERT_EQ(parse(encrypted, {u"--host"_s, u"--encrypt"_s}), ClientOptions::Outcome::Run);
    EXPECT_TRUE(encrypted.encrypted());
    EXPECT_FALSE(encrypted.isPrivate());

    ClientOptions hidden;
    ASSERT_EQ(parse(hidden, {u"--host"_s, u"--private"_s}), ClientOptions::Outcome::Run);
    EXPECT_TRUE(hidden.isPrivate());

    ClientOptions defaults;
    ASSERT_EQ(parse(defaults, {u"--host"_s}), ClientOptions::Outcome::Run);
    EXPECT_EQ(defaults.port(), -1); // the remembered port
    EXPECT_TRUE(defaults.roomName().isEmpty());
}

TEST(ClientOptions, BadCombinationsAndValuesAreClearErrors)
{
    const std::vector<std::pair<QStringList, QString>> cases{
        {{u"--connect"_s, u"ws://a/"_s, u"--host"_s}, u"either"_s},
        {{u"--room"_s, u"x"_s}, u"--host"_s},
        {{u"--encrypt"_s}, u"--host"_s},
        {{u"--private"_s}, u"--host"_s},
        {{u"--connect"_s, u"http://a/"_s}, u"--connect"_s},
        {{u"--host"_s, u"--port"_s, u"99999"_s}, u"--port"_s},
        {{u"--name"_s, QString(40, u'n')}, u"--name"_s},
        {{u"--host"_s, u"--room"_s, u""_s}, u"--room"_s},
        {{u"--lang"_s, u"zz-not-a-language"_s}, u"--lang"_s},
        {{u"extra"_s}, u"extra"_s},
    };
    for (const auto &[arguments, mentioned] : cases) {
        ClientOptions options;
        EXPECT_EQ(parse(options, arguments), ClientOptions::Outcome::Error)
            << arguments.join(u' ').toStdString();
        EXPECT_TRUE(options.errorText().contains(mentioned)) << options.errorText().toStdString();
    }
}
