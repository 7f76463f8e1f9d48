import type { Bot } from '../api/types';
import { SelectField } from '../ui/kit';
import { botLabel } from './queries';

export function BotPicker({ bots, value, onChange }: { bots: Bot[]; value: string; onChange: (botId: string) => void }) {
  return (
    <SelectField label="Bot" value={value} onChange={(e) => onChange(e.target.value)}>
      {bots.map((bot) => (
        <option key={bot.id} value={bot.id}>
          {botLabel(bot)}
        </option>
      ))}
    </SelectField>
  );
}
